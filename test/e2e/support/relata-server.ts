import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../../src/platform/free-port.js';

export const E2E_ADMIN = { email: 'admin@e2e.local', password: 'e2e-admin-pass' };

export interface RunningServer {
  baseUrl: string;
  databaseUrl: string | undefined;
  stop(): Promise<void>;
}

/**
 * Starts the real `relata start --no-demo` as a child process on a fresh data dir (embedded
 * PostgreSQL) or, when DATABASE_URL is set, on a fresh database of that server.
 */
export async function startRelata(): Promise<RunningServer> {
  const root = path.resolve(import.meta.dirname, '../../..');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relata-e2e-'));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  let databaseUrl: string | undefined;
  if (process.env.DATABASE_URL) {
    const name = `relata_e2e_${process.pid}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', RELATA_DATA_DIR: dataDir, RELATA_ADMIN_EMAIL: E2E_ADMIN.email, RELATA_ADMIN_PASSWORD: E2E_ADMIN.password, LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl ?? '' };
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'bin/relata.js'), 'start', '--no-demo'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`relata exited early:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`relata did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    baseUrl,
    databaseUrl,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
