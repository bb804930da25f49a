import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../platform/config.js';
import { WEB_DIST } from '../platform/http/index.js';
import type { Logger } from '../platform/logger.js';
import { bootstrapOrganization } from '../modules/organization/index.js';
import { createApiServer } from '../server/http-server.js';
import { openRuntime } from '../server/runtime.js';
import { startWorkers, type Workers } from '../server/worker.js';
import { loadDemoData } from './demo-command.js';

export type Role = 'all' | 'api' | 'worker';

/** `relata start [--role=api|worker|all] [--no-demo]`: the server, its workers, or both. */
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
  const app = role === 'worker' ? undefined : await createApiServer(runtime, config, logger);
  if (app) {
    await app.listen({ port: config.port, host: config.host });
    process.stdout.write(`  Relata is running at http://localhost:${config.port}  (API docs: /docs)\n`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await app?.close();
    await workers?.stop();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
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
