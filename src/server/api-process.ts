import { type Config, loadConfig } from '../platform/config.js';
import { takeOverStopSignals } from '../platform/db/index.js';
import { createLogger } from '../platform/logger.js';
import { createApiServer } from './http-server.js';
import { openRuntime } from './runtime.js';

/**
 * One API process of a group (`relata start --processes N`, api-cluster.ts), started by the primary
 * with DATABASE_URL (the primary's database), RELATA_API_PROCESSES and RELATA_API_PROCESS_INDEX.
 * It serves HTTP only: migrations, the embedded server and background work stay with the primary.
 * It stops when the primary asks (`relata:shutdown`), on SIGTERM, or when the primary is gone;
 * Ctrl-C in a terminal reaches the whole group, and the primary coordinates the stop.
 */

/** Messages between the primary and an API process (besides the metrics ones, cluster-metrics.ts). */
export type ApiProcessMessage = { type: 'relata:ready' } | { type: 'relata:failed'; message: string } | { type: 'relata:shutdown' };

/** This process's share of the group's limits: rate limits and database connections are per process. */
export function perProcessConfig(config: Config, processes: number): Config {
  const n = Math.max(1, processes);
  return {
    ...config,
    rateLimitPerMinute: Math.ceil(config.rateLimitPerMinute / n),
    rateLimitPerIpPerMinute: Math.ceil(config.rateLimitPerIpPerMinute / n),
    dbPoolSize: Math.max(4, Math.ceil(config.dbPoolSize / n)),
  };
}

export async function runApiProcess(): Promise<void> {
  const base = loadConfig();
  const config = perProcessConfig(base, Number(process.env.RELATA_API_PROCESSES) || 1);
  const logger = createLogger(config.logLevel).child({ apiProcess: Number(process.env.RELATA_API_PROCESS_INDEX) || 0 });
  // Ctrl-C in a terminal reaches the whole group: the primary stops it in order.
  takeOverStopSignals();
  process.on('SIGINT', () => {});
  process.on('SIGHUP', () => {});
  let stop: (() => Promise<void>) | undefined;
  const stopOnce = (reason: string) => {
    if (!stop) process.exit(0);
    const current = stop;
    stop = undefined;
    logger.info({ reason }, 'API process stopping');
    current().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('message', (message: unknown) => {
    if ((message as ApiProcessMessage | undefined)?.type === 'relata:shutdown') stopOnce('shutdown');
  });
  process.on('disconnect', () => stopOnce('primary gone'));
  if (!process.connected) stopOnce('primary gone');
  process.on('SIGTERM', () => stopOnce('SIGTERM'));
  try {
    const runtime = await openRuntime(config);
    const app = await createApiServer(runtime, config, logger);
    stop = async () => {
      await app.close();
      await runtime.close();
    };
    await app.listen({ port: config.port, host: config.host });
    process.send?.({ type: 'relata:ready' } satisfies ApiProcessMessage);
  } catch (error) {
    process.send?.({ type: 'relata:failed', message: error instanceof Error ? error.message : String(error) } satisfies ApiProcessMessage);
    process.exitCode = 1;
    process.disconnect?.();
  }
}
