import { NotificationListener } from '../db/index.js';
import type { MetadataCache } from './metadata-cache.js';

export const ACCESS_VERSION_CHANNEL = 'relata_access_version';

/**
 * Feeds moves of the access counter (migration 018 announces them) to the process's
 * `MetadataCache`, so requests skip the per-request version query. While the connection is down the
 * cache polls; the listener reconnects with backoff (see NotificationListener).
 */
export class AccessVersionListener {
  private readonly listener: NotificationListener;

  constructor(url: string, cache: MetadataCache, onError: (error: Error) => void = () => {}) {
    this.listener = new NotificationListener(url, [ACCESS_VERSION_CHANNEL], {
      onNotify: (_channel, payload) => {
        const version = Number(payload);
        if (Number.isSafeInteger(version)) cache.applyVersion(version);
      },
      onListening: (listening) => cache.setListening(listening),
      onError,
    });
  }

  /** Connects and listens; resolves once listening (or once the first attempt failed). */
  start(): Promise<void> {
    return this.listener.start();
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }
}
