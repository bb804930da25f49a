import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../platform/config.js';
import { WEB_DIST } from '../platform/http/index.js';
import type { Logger } from '../platform/logger.js';
import { STOP_SIGNALS, takeOverStopSignals } from '../platform/db/index.js';
import { bootstrapOrganization } from '../modules/organization/index.js';
import { type ApiCluster, startApiCluster } from '../server/api-cluster.js';
import { createApiServer } from '../server/http-server.js';
import { openRuntime } from '../server/runtime.js';
import { startWorkers, type Workers } from '../server/worker.js';
import { loadDemoData } from './demo-command.js';

export type Role = 'all' | 'api' | 'worker';

/**
 * `relata start [--role=api|worker|all] [--processes N|auto] [--no-demo]`: the server, its workers,
 * or both. With more than one API process this process is the primary: it owns the embedded
 * database, migrations and background work, and runs the HTTP API in a group of processes
 * (src/server/api-cluster.ts).
 */
export async function startCommand(config: Config, logger: Logger, role: Role, demo: boolean): Promise<void> {
  if (role !== 'worker') ensureWebBuilt();
  const runtime = await openRuntime(config);
  const boot = await bootstrapOrganization(runtime.db, runtime.clock, { email: config.adminEmail, password: config.adminPassword });
  if (boot.generatedPassword) {
    // Printed once to the terminal (not to the log stream): the only copy of the generated password.
    process.stdout.write(`\n  Admin account created: ${boot.adminEmail} / ${boot.generatedPassword}\n  (set RELATA_ADMIN_EMAIL / RELATA_ADMIN_PASSWORD to choose them)\n\n`);
  }
  if (demo && boot.adminCreated) {
    process.stdout.write('  Loading demo data (5,000 customers; skip with --no-demo)…\n');
    await loadDemoData(runtime, { customers: 5000, seed: 42 });
  }
  let workers: Workers | undefined;
  if (role !== 'api') workers = startWorkers(runtime, logger);
  let app: Awaited<ReturnType<typeof createApiServer>> | undefined;
  let group: ApiCluster | undefined;
  if (role !== 'worker' && config.apiProcesses > 1) {
    const databaseUrl = config.databaseUrl ?? runtime.embedded!.url('relata');
    group = await startApiCluster({ processes: config.apiProcesses, databaseUrl, logger, env: { PORT: String(config.port), HOST: config.host, RELATA_DATA_DIR: config.dataDir } });
  } else if (role !== 'worker') {
    app = await createApiServer(runtime, config, logger);
    await app.listen({ port: config.port, host: config.host });
  }
  if (role !== 'worker') {
    const processes = config.apiProcesses > 1 ? `, ${config.apiProcesses} API processes` : '';
    process.stdout.write(`  Relata is running at http://localhost:${config.port}  (API docs: /docs${processes})\n`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    try {
      await app?.close();
      await group?.stop();
      await workers?.stop();
    } catch (error) {
      logger.error({ err: error instanceof Error ? error.message : String(error) }, 'stop failed');
      process.exitCode = 1;
    }
    await runtime.close().catch((error: unknown) => {
      logger.error({ err: error instanceof Error ? error.message : String(error) }, 'database close failed');
      process.exitCode = 1;
    });
    process.exit();
  };
  takeOverStopSignals();
  for (const signal of STOP_SIGNALS) process.on(signal, () => void stop(signal));
}

/** `npm start` builds the web app when it is missing or older than its sources. */
function ensureWebBuilt(): void {
  const index = path.join(WEB_DIST, 'index.html');
  const webSrc = path.resolve(WEB_DIST, '../../web');
  if (!fs.existsSync(webSrc)) return;
  if (fs.existsSync(index) && newestMtime(webSrc) <= fs.statSync(index).mtimeMs) return;
  process.stdout.write('  Building the web app…\n');
  const result = spawnSync(process.execPath, [path.resolve(webSrc, '../node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: path.resolve(webSrc, '..'), stdio: 'inherit' });
  if (result.status !== 0) process.stdout.write('  Web build failed; the API still runs.\n');
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}
