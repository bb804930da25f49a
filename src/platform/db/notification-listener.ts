import pg from 'pg';

export interface NotificationHandlers {
  /** A notification on one of the channels (payload as sent, '' when none). */
  onNotify(channel: string, payload: string): void;
  /** Listening began (true) or stopped (false). After a reconnect, notifications sent meanwhile are lost: catch up here. */
  onListening?(listening: boolean): void;
  onError?(error: Error): void;
}

/**
 * One dedicated connection that LISTENs on some channels and hands their notifications on. When the
 * connection drops it reconnects with backoff (0.5 s doubling to 10 s) and says so through
 * `onListening`, so callers fall back to polling meanwhile. Not usable behind a transaction-pooling
 * proxy (LISTEN needs a session): then `start()` fails quietly and keeps retrying.
 */
export class NotificationListener {
  private client: pg.Client | undefined;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelayMs = 500;

  constructor(
    private readonly url: string,
    private readonly channels: readonly string[],
    private readonly handlers: NotificationHandlers,
  ) {
    for (const channel of channels) if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new RangeError(`bad channel name ${channel}`);
  }

  /** Connects and listens; resolves once listening (or once the first attempt failed). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    if (client) this.handlers.onListening?.(false);
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      if (this.channels.includes(message.channel)) this.handlers.onNotify(message.channel, message.payload ?? '');
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      for (const channel of this.channels) await client.query(`LISTEN ${channel}`);
      if (this.stopped) {
        await client.end().catch(() => {});
        return;
      }
      this.client = client;
      this.retryDelayMs = 500;
      this.handlers.onListening?.(true);
    } catch (error) {
      this.lost(client, error as Error);
    }
  }

  private lost(client: pg.Client, error?: Error): void {
    // A late 'end' of a connection already replaced must not disturb the current one.
    if (this.client !== undefined && this.client !== client) return;
    const wasListening = this.client !== undefined;
    this.client = undefined;
    if (wasListening) this.handlers.onListening?.(false);
    client.end().catch(() => {});
    if (error) this.handlers.onError?.(error);
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped && !this.client) void this.connect();
    }, this.retryDelayMs);
    this.retryTimer.unref();
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, 10_000);
  }
}
