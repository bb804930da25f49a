import os from 'node:os';
import path from 'node:path';

/** Process configuration, read once from the environment (see README "Configuration"). */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  masterKey: string | undefined;
  logLevel: string;
  rateLimitPerMinute: number;
  rateLimitPerIpPerMinute: number;
  sessionTtlHours: number;
  /** Origins browser SDKs may call /v1/* from (CORS): `*`, exact origins, or `https://*.example.com`. Never applies to /api. */
  trackingAllowedOrigins: string[];
  /** Connections in this process's database pool (RELATA_DB_POOL_SIZE; commands that need fewer ask for fewer). */
  dbPoolSize: number;
  /**
   * API processes `relata start` runs (RELATA_API_PROCESSES or `--processes`): a number, or `auto`
   * (the default) for one per CPU core, at most 4. With more than one they share the port and
   * split RELATA_DB_POOL_SIZE and the rate limits between them.
   */
  apiProcesses: number;
}

/** Most API processes `auto` starts: beyond this the database, not Node, is the limit. */
export const AUTO_API_PROCESSES_MAX = 4;

/** `auto` (or absent) → one per core, at most AUTO_API_PROCESSES_MAX; a positive integer as given; anything else is an error. */
export function apiProcessesFrom(value: string | undefined, cores: number = os.availableParallelism()): number {
  if (value === undefined || value.trim() === '' || value.trim() === 'auto') return Math.max(1, Math.min(cores, AUTO_API_PROCESSES_MAX));
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`RELATA_API_PROCESSES / --processes must be auto or a whole number from 1 to 64, not ${JSON.stringify(value)}`);
  return n;
}

function intFrom(value: string | undefined, fallback: number): number {
  const n = value === undefined ? Number.NaN : Number.parseInt(value, 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** A comma-separated list; blank or absent → the fallback. */
function listFrom(value: string | undefined, fallback: string[]): string[] {
  const items = (value ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
  return items.length > 0 ? items : fallback;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFrom(env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.RELATA_DATA_DIR ?? 'data'),
    adminEmail: env.RELATA_ADMIN_EMAIL || undefined,
    adminPassword: env.RELATA_ADMIN_PASSWORD || undefined,
    masterKey: env.RELATA_MASTER_KEY || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    rateLimitPerMinute: intFrom(env.RELATA_RATE_LIMIT_PER_MINUTE, 1200),
    rateLimitPerIpPerMinute: intFrom(env.RELATA_RATE_LIMIT_PER_IP_PER_MINUTE, 3000),
    sessionTtlHours: intFrom(env.RELATA_SESSION_TTL_HOURS, 24 * 7),
    trackingAllowedOrigins: listFrom(env.RELATA_TRACKING_ALLOWED_ORIGINS, ['*']),
    dbPoolSize: intFrom(env.RELATA_DB_POOL_SIZE, 20),
    apiProcesses: apiProcessesFrom(env.RELATA_API_PROCESSES),
  };
}
