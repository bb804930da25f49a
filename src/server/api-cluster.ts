import cluster, { type Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { aggregateMetrics, CLUSTER_METRICS_TIMEOUT_MS, type ClusterMetricsMessage, isClusterMetricsMessage } from '../platform/http/cluster-metrics.js';
import { isClusterAccessMessage, relayAccessVersion } from '../platform/http/cluster-access.js';
import { awaitMessage } from '../platform/http/cluster-ipc.js';
import type { Logger } from '../platform/logger.js';
import type { ApiProcessMessage } from './api-process.js';

/**
 * A group of API processes sharing one port (`relata start --processes N`): the primary (the
 * `relata start` process, which owns the embedded PostgreSQL, migrations and the background
 * workers) forks N processes that each run the HTTP API (`api-process.ts`); node:cluster hands
 * them the connections in turn. Per-process state is safe to split: access metadata is kept
 * current by the access-version listener in every process, and a write that changed it hands the
 * new version to the other processes through the primary before it answers (cluster-access.ts);
 * sessions, idempotency keys and jobs are in PostgreSQL. Rate limits are counted per process, so
 * each process enforces its share (`perProcessConfig`). A process that dies is started again; `stop()` closes them all gracefully.
 */

export interface ApiClusterOptions {
  processes: number;
  /** The database the processes connect to (the embedded server's URL when embedded). */
  databaseUrl: string;
  logger: Logger;
  /** Extra environment for the processes (e.g. PORT, RELATA_DATA_DIR, limits). */
  env?: Record<string, string>;
}

export interface ApiCluster {
  /** Process ids of the API processes now running. */
  pids(): number[];
  stop(): Promise<void>;
}

const ENTRY = path.resolve(import.meta.dirname, '../../bin/relata-api-process.js');
/** A process that dies within this long of its start is restarted after a growing delay. */
const RESTART_WINDOW_MS = 10_000;
const MAX_RESTART_DELAY_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

export async function startApiCluster(options: ApiClusterOptions): Promise<ApiCluster> {
  const { logger } = options;
  cluster.setupPrimary({ exec: ENTRY, args: [] });
  const env = { ...options.env, DATABASE_URL: options.databaseUrl, RELATA_API_CLUSTER: '1', RELATA_API_PROCESSES: String(options.processes) };
  const live = new Set<Worker>();
  let stopping = false;

  const collect = (id: string): Promise<object[][]> =>
    Promise.all(
      [...live].map((worker) => {
        const reply = awaitMessage(worker, (m): m is Extract<ClusterMetricsMessage, { type: 'relata:metrics:data' }> => isClusterMetricsMessage(m) && m.type === 'relata:metrics:data' && m.id === id, CLUSTER_METRICS_TIMEOUT_MS);
        worker.send({ type: 'relata:metrics:collect', id } satisfies ClusterMetricsMessage);
        return reply.then((m) => m?.metrics ?? null);
      }),
    ).then((all) => all.filter((m): m is object[] => m !== null));

  const relayMetrics = async (from: Worker, id: string) => {
    let text: string | null = null;
    try {
      text = await aggregateMetrics(await collect(randomUUID()));
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'metrics aggregation failed');
    }
    if (from.isConnected()) from.send({ type: 'relata:metrics:result', id, text } satisfies ClusterMetricsMessage);
  };

  const fork = (index: number, failures: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      const worker = cluster.fork({ ...env, RELATA_API_PROCESS_INDEX: String(index) });
      let ready = false;
      worker.on('message', (message: unknown) => {
        if (isClusterMetricsMessage(message)) {
          if (message.type === 'relata:metrics:get') void relayMetrics(worker, message.id);
          return;
        }
        if (isClusterAccessMessage(message)) {
          if (message.type === 'relata:access:announce') void relayAccessVersion(worker, [...live].filter((w) => w !== worker), message);
          return;
        }
        const m = message as ApiProcessMessage;
        if (m?.type === 'relata:ready') {
          ready = true;
          live.add(worker);
          resolve();
          // A process still loading when the stop began may have missed the first request to stop.
          if (stopping) worker.send({ type: 'relata:shutdown' } satisfies ApiProcessMessage);
        } else if (m?.type === 'relata:failed') {
          reject(new Error(`API process ${index} failed to start: ${m.message}`));
        }
      });
      worker.on('exit', (code, signal) => {
        live.delete(worker);
        if (!ready) return reject(new Error(`API process ${index} exited (${signal ?? code}) before it was ready`));
        if (stopping) return;
        const quick = Date.now() - started < RESTART_WINDOW_MS;
        logger.warn({ index, code, signal }, 'API process exited; starting it again');
        restart(index, quick ? failures + 1 : 0);
      });
    });

  /** Starts process `index` again after 0, 1, 2, 4 … 30 s (by failures in a row), until it is ready or the group stops. */
  function restart(index: number, failures: number): void {
    const delay = failures === 0 ? 0 : Math.min(1000 * 2 ** (failures - 1), MAX_RESTART_DELAY_MS);
    setTimeout(() => {
      if (stopping) return;
      fork(index, failures).catch((error: Error) => {
        logger.error({ index, err: error.message, failures: failures + 1 }, 'API process did not start; trying again');
        restart(index, failures + 1);
      });
    }, delay);
  }

  const group: ApiCluster = {
    pids: () => [...live].map((w) => w.process.pid ?? 0).filter((pid) => pid > 0),
    async stop() {
      stopping = true;
      const all = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
      await Promise.all(
        all.map(
          (worker) =>
            new Promise<void>((resolve) => {
              const timer = setTimeout(() => worker.kill('SIGKILL'), STOP_TIMEOUT_MS);
              worker.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              if (worker.isConnected()) worker.send({ type: 'relata:shutdown' } satisfies ApiProcessMessage);
              else worker.kill('SIGTERM');
            }),
        ),
      );
    },
  };
  try {
    await Promise.all(Array.from({ length: options.processes }, (_, i) => fork(i, 0)));
  } catch (error) {
    await group.stop();
    throw error;
  }
  return group;
}
