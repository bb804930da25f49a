import type { Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import type { MetadataCache } from '../permissions/index.js';
import { awaitMessage } from './cluster-ipc.js';

/**
 * Access changes across an API process group (`relata start --processes N`). Every process learns
 * of a move of the access counter by NOTIFY, but a NOTIFY reaches the other processes a moment
 * after the write's response may already have reached the client — whose next request (a logout's
 * next request, say) may land in another process that has not heard yet. So after a write that
 * moved the counter, the writing process announces the new version to the primary, which hands it
 * to every other process and answers once they all applied it (or after a timeout); only then does
 * the write's response leave. "Applies on the next request" then holds in every process.
 */

export type ClusterAccessMessage =
  | { type: 'relata:access:announce'; id: string; version: number }
  | { type: 'relata:access:apply'; id: string; version: number }
  | { type: 'relata:access:applied'; id: string }
  | { type: 'relata:access:done'; id: string };

export function isClusterAccessMessage(message: unknown): message is ClusterAccessMessage {
  return typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string' && (message as { type: string }).type.startsWith('relata:access:');
}

/** A process that does not answer in this long is not waited for (it will still get the NOTIFY). */
export const CLUSTER_ACCESS_TIMEOUT_MS = 1000;

/** A reply of `type` to the request `id`. */
const replyTo =
  <T extends ClusterAccessMessage['type']>(type: T, id: string) =>
  (message: unknown): message is Extract<ClusterAccessMessage, { type: T }> =>
    isClusterAccessMessage(message) && message.type === type && message.id === id;

/**
 * In an API process: applies versions the primary hands over to `cache` (and acknowledges them),
 * and lets `cache` announce the versions its own writes moved.
 */
export function shareAccessVersions(cache: MetadataCache): void {
  process.on('message', (message: unknown) => {
    if (!isClusterAccessMessage(message) || message.type !== 'relata:access:apply') return;
    cache.applyVersion(message.version, { fromPeer: true });
    process.send?.({ type: 'relata:access:applied', id: message.id } satisfies ClusterAccessMessage);
  });
  cache.shareVersions(async (version) => {
    const id = randomUUID();
    const reply = awaitMessage(process, replyTo('relata:access:done', id), CLUSTER_ACCESS_TIMEOUT_MS + 500);
    process.send?.({ type: 'relata:access:announce', id, version } satisfies ClusterAccessMessage);
    await reply;
  });
}

/** In the primary: hands an announced version to every other process, then tells the announcer. */
export async function relayAccessVersion(from: Worker, others: Worker[], message: { id: string; version: number }): Promise<void> {
  await Promise.all(
    others.map((worker) => {
      if (!worker.isConnected()) return Promise.resolve(null);
      const id = randomUUID();
      const reply = awaitMessage(worker, replyTo('relata:access:applied', id), CLUSTER_ACCESS_TIMEOUT_MS);
      worker.send({ type: 'relata:access:apply', id, version: message.version } satisfies ClusterAccessMessage);
      return reply;
    }),
  );
  if (from.isConnected()) from.send({ type: 'relata:access:done', id: message.id } satisfies ClusterAccessMessage);
}
