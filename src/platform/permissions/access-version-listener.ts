import pg from 'pg';
import type { MetadataCache } from './metadata-cache.js';

export const ACCESS_VERSION_CHANNEL = 'relata_access_version';

/**
 * A dedicated connection that LISTENs for moves of the access counter (migration 018) and feeds
 * them to the process's `MetadataCache`, so requests skip the per-request version query. When the
 * connection drops, the cache falls back to polling and the listener reconnects with backoff.
 * Not usable behind a transaction-pooling proxy (LISTEN needs a session): then `start()` fails
 * quietly and polling stays on.
 */
export class AccessVersionListener {
  private client: pg.Client | undefined;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelayMs = 500;

  constructor(
    private readonly url: string,
    private readonly cache: MetadataCache,
    private readonly onError: (error: Error) => void = () => {},
  ) {}

  /** Connects and listens; resolves once listening (or once the first attempt failed). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.cache.setListening(false);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      if (message.channel !== ACCESS_VERSION_CHANNEL) return;
      const version = Number(message.payload);
      if (Number.isSafeInteger(version)) this.cache.applyVersion(version);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${ACCESS_VERSION_CHANNEL}`);
      if (this.stopped) {
        await client.end().catch(() => {});
        return;
      }
      this.client = client;
      this.retryDelayMs = 500;
      this.cache.setListening(true);
    } catch (error) {
      this.lost(client, error as Error);
    }
  }

  private lost(client: pg.Client, error?: Error): void {
    // A late 'end' of a connection already replaced must not disturb the current one.
    if (this.client !== undefined && this.client !== client) return;
    this.client = undefined;
    this.cache.setListening(false);
    client.end().catch(() => {});
    if (error) this.onError(error);
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped && !this.client) void this.connect();
    }, this.retryDelayMs);
    this.retryTimer.unref();
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, 10_000);
  }
}
