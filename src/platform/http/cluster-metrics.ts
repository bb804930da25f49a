import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import client from 'prom-client';

/**
 * Metrics of an API process group (`relata start --processes N`, src/server/api-cluster.ts). Each API
 * process keeps its own registry; `/metrics`, whichever process answers it, asks the primary over
 * the cluster's IPC channel, the primary collects every process's registry as JSON and sums them
 * (prom-client's `AggregatorRegistry.aggregate`), so a scrape sees the whole group, not one process.
 */

/** Messages between the primary and its API processes. */
export type ClusterMetricsMessage =
  | { type: 'relata:metrics:get'; id: string }
  | { type: 'relata:metrics:result'; id: string; text: string | null }
  | { type: 'relata:metrics:collect'; id: string }
  | { type: 'relata:metrics:data'; id: string; metrics: object[] | null };

export function isClusterMetricsMessage(message: unknown): message is ClusterMetricsMessage {
  return typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string' && (message as { type: string }).type.startsWith('relata:metrics:');
}

/** The primary's answer never takes longer than this; processes that did not answer are left out. */
export const CLUSTER_METRICS_TIMEOUT_MS = 2000;

/** Whether this process is an API process of a group (forked by the primary of `relata start`). */
export function inApiCluster(): boolean {
  return cluster.isWorker && process.env.RELATA_API_CLUSTER === '1' && typeof process.send === 'function';
}

const pending = new Map<string, (text: string | null) => void>();
let responder: client.Registry | undefined;

/**
 * In an API process: answers the primary's collect requests with this registry (the last one
 * registered: one app per process) and routes the primary's results to waiting `/metrics` calls.
 */
export function serveClusterMetrics(registry: client.Registry): void {
  if (responder === undefined) {
    process.on('message', (message: unknown) => {
      if (!isClusterMetricsMessage(message)) return;
      if (message.type === 'relata:metrics:collect') {
        const current = responder;
        void (current ? current.getMetricsAsJSON() : Promise.resolve(null)).then(
          (metrics) => process.send?.({ type: 'relata:metrics:data', id: message.id, metrics }),
          () => process.send?.({ type: 'relata:metrics:data', id: message.id, metrics: null }),
        );
      } else if (message.type === 'relata:metrics:result') {
        pending.get(message.id)?.(message.text);
        pending.delete(message.id);
      }
    });
  }
  responder = registry;
}

/** In an API process: the group's metrics as Prometheus text, or null when the primary did not answer in time. */
export function groupMetrics(): Promise<string | null> {
  const id = randomUUID();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      resolve(null);
    }, CLUSTER_METRICS_TIMEOUT_MS + 1000);
    pending.set(id, (text) => {
      clearTimeout(timer);
      resolve(text);
    });
    process.send?.({ type: 'relata:metrics:get', id });
  });
}

/** Sums registries given as `getMetricsAsJSON()` arrays into Prometheus text. */
export function aggregateMetrics(perProcess: object[][]): Promise<string> {
  return client.AggregatorRegistry.aggregate(perProcess).metrics();
}
