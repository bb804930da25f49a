import type { EventEmitter } from 'node:events';

/**
 * The first IPC message on `from` (a cluster worker, or `process` in one) that `match` accepts, or
 * null after `timeoutMs`. Start waiting before sending the request, so a quick answer is not missed.
 * Shared by the primary and its API processes (cluster-metrics.ts, cluster-access.ts).
 */
export function awaitMessage<M>(from: EventEmitter, match: (message: unknown) => message is M, timeoutMs: number): Promise<M | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(null), timeoutMs);
    const onMessage = (message: unknown) => {
      if (match(message)) done(message);
    };
    function done(message: M | null) {
      clearTimeout(timer);
      from.off('message', onMessage);
      resolve(message);
    }
    from.on('message', onMessage);
  });
}
