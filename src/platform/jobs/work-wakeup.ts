import { NotificationListener } from '../db/index.js';

/** Channel on which migration 022 announces new outbox events (`outbox`) and new jobs (`jobs`). */
export const WORK_CHANNEL = 'relata_work';

interface Wakeable {
  wake(): void;
}

/**
 * Wakes a process's outbox dispatcher and job worker as soon as new events or jobs are committed,
 * instead of at their next poll: an event reaches its subscribers in tens of milliseconds. Polling
 * stays the fallback while the listener is down; on (re)connect both are woken to catch up.
 */
export function listenForWork(url: string, targets: { outbox?: Wakeable; jobs?: Wakeable }, onError: (error: Error) => void = () => {}): NotificationListener {
  return new NotificationListener(url, [WORK_CHANNEL], {
    onNotify: (_channel, payload) => {
      if (payload === 'outbox') targets.outbox?.wake();
      else if (payload === 'jobs') targets.jobs?.wake();
    },
    onListening: (listening) => {
      if (!listening) return;
      targets.outbox?.wake();
      targets.jobs?.wake();
    },
    onError,
  });
}
