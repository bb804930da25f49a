/**
 * The HTTP side of the benchmarks: the real Fastify app on a free port, an admin session, request
 * mixes, and a forked autocannon process per run with the CPU each party spent on it.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Random } from '../src/modules/demo/index.js';
import type { Config } from '../src/platform/config.js';
import { freePort } from '../src/platform/free-port.js';
import type { Database } from '../src/platform/db/index.js';
import { createLogger } from '../src/platform/logger.js';
import { startApiCluster } from '../src/server/api-cluster.js';
import { createApiServer } from '../src/server/http-server.js';
import type { Runtime } from '../src/server/runtime.js';
import type { LoadJob, LoadResult } from './load-client.js';
import { resetStatementStats, type StatementStat, topStatements } from './statement-stats.js';

export interface Measured extends LoadResult {
  /** CPU seconds of the server process (Fastify, permission and record layers, pg driver). */
  serverCpuSeconds: number;
  /** CPU seconds of the PostgreSQL backends serving the pool (read from /proc; null if not local). */
  databaseCpuSeconds: number | null;
  statements: StatementStat[];
}

/** The API under test: its URL, the CPU its process(es) used so far, and how to stop it. */
export interface BenchServer {
  url: string;
  /** API processes serving it (1: in this process). */
  processes: number;
  /** CPU seconds spent so far by the process(es) serving the API. */
  cpuSeconds(): number;
  close(): Promise<void>;
}

/**
 * The API as `relata start` runs it (`createApiServer`, access-version listener included), except
 * that rate limits are lifted (the bench is one user sending thousands of requests a second) and
 * request logging is off (level warn). With `config.apiProcesses` > 1 (`auto` by default, as for
 * `relata start`; `RELATA_API_PROCESSES=1` for one) it is the same group of API processes on the
 * bench's database; otherwise the app runs in this process. Closing stops the listener(s).
 */
export async function startServer(runtime: Runtime, config: Config): Promise<BenchServer> {
  const benchConfig = { ...config, rateLimitPerMinute: 1e9, rateLimitPerIpPerMinute: 1e9 };
  if (config.apiProcesses > 1) {
    const port = await freePort();
    const databaseUrl = config.databaseUrl || runtime.embedded!.url('relata');
    const env = { PORT: String(port), HOST: '127.0.0.1', RELATA_DATA_DIR: config.dataDir, LOG_LEVEL: 'warn', RELATA_RATE_LIMIT_PER_MINUTE: '1000000000', RELATA_RATE_LIMIT_PER_IP_PER_MINUTE: '1000000000' };
    const group = await startApiCluster({ processes: config.apiProcesses, databaseUrl, logger: createLogger('warn'), env });
    return { url: `http://127.0.0.1:${port}`, processes: config.apiProcesses, cpuSeconds: () => ownCpuSeconds() + processCpuSeconds(group.pids()), close: () => group.stop() };
  }
  const app = await createApiServer(runtime, benchConfig, createLogger('warn'));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, processes: 1, cpuSeconds: ownCpuSeconds, close: () => app.close() };
}

function ownCpuSeconds(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
}

/** User + system CPU seconds of these local processes so far, from /proc (0 for any not found). */
export function processCpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) ticks += cpuTicks(pid) ?? 0;
  return ticks / 100;
}

/** user + system clock ticks (1/100 s) of a local process, from /proc; null when it is not there. */
function cpuTicks(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

export async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`login as ${email} failed (${res.status}): set RELATA_ADMIN_EMAIL / RELATA_ADMIN_PASSWORD to the admin of this database`);
  return ((await res.json()) as { token: string }).token;
}

/** List requests: page of 50, filtered on cf_tier, sorted by -createdAt or name, pages 1…maxPage. */
export function listPaths(seed: number, count: number, maxPage: number, tiers: readonly string[]): string[] {
  const rng = new Random(seed, 101);
  return Array.from({ length: count }, () => {
    const filter = JSON.stringify([{ field: 'cf_tier', op: 'eq', value: rng.pick(tiers) }]);
    const sort = rng.pick(['-createdAt', 'name']);
    return `/api/customers?page=${rng.int(1, maxPage)}&pageSize=50&sort=${sort}&filter=${encodeURIComponent(filter)}`;
  });
}

/** Detail requests for random existing ids. */
/** `count` paths of random existing customers (ids have gaps: deleted, merged, or drawn by rolled-back batches). */
export function detailPaths(seed: number, count: number, ids: readonly number[]): string[] {
  const rng = new Random(seed, 102);
  return Array.from({ length: count }, () => `/api/customers/${ids[rng.int(0, ids.length - 1)]}`);
}

/** Up to `count` ids of existing customers, spread over the table (a deterministic sample). */
export async function sampleCustomerIds(db: Database, count: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>('SELECT id FROM customers ORDER BY hashint8(id) LIMIT $1', [count]);
  return rows.rows.map((r) => Number(r.id));
}

/** The priming pass (`job.prime`) and the warm-up, then the measured run, each in a forked load generator. */
export async function measure(db: Database, server: BenchServer, job: LoadJob, statements: boolean): Promise<Measured> {
  if (job.prime || job.warmup > 0) await runForked({ ...job, duration: Math.max(job.warmup, 1), warmup: 0 });
  await settle();
  await resetStatementStats(db, statements);
  const dbBefore = await backendCpu(db);
  const cpu = server.cpuSeconds();
  const result = await runForked({ ...job, warmup: 0, prime: false });
  await settle();
  const serverCpuSeconds = server.cpuSeconds() - cpu;
  const dbAfter = await backendCpu(db);
  let databaseCpuSeconds: number | null = null;
  if (dbBefore && dbAfter) {
    databaseCpuSeconds = 0;
    for (const [pid, ticks] of dbAfter) databaseCpuSeconds += (ticks - (dbBefore.get(pid) ?? 0)) / 100;
  }
  return { ...result, serverCpuSeconds, databaseCpuSeconds, statements: await topStatements(db, statements) };
}

/** Lets requests still in flight when a run stops finish, so they land in the run they belong to. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1500));
}

function runForked(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./load-client.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message: { ok: boolean; result?: LoadResult; error?: string }) => {
      if (message.ok && message.result) resolve(message.result);
      else reject(new Error(`load generator failed: ${message.error}`));
    });
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
    child.send(job);
  });
}

/** user + system clock ticks per backend of this database, from /proc (Linux, same machine). */
/** CPU ticks (1/100 s) of this database's client backends, by pid; null when /proc does not show them (a remote server). */
export async function backendCpu(db: Database): Promise<Map<number, number> | null> {
  const pids = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`);
  const ticks = new Map<number, number>();
  for (const { pid } of pids.rows) {
    const used = cpuTicks(pid);
    if (used === null) return null;
    ticks.set(pid, used);
  }
  return ticks;
}
