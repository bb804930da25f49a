import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/index.js';
import { freePort } from '../../src/platform/free-port.js';
import { eventually } from '../support/eventually.js';
import { createTestDatabase } from '../support/test-database.js';

/**
 * `relata start --processes 2` as a user runs it: the real CLI in its own process group on the
 * test's database. Two API processes share the port; sessions and access changes hold across them;
 * `/metrics` sums the group; a killed process is replaced; SIGINT stops every process.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const ADMIN = { email: 'cluster-admin@test.local', password: 'cluster-admin-pass-1' };

/** Pids of the API processes of the primary `parent` (from /proc). */
function apiProcesses(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent && fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('relata-api-process')) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids.sort((a, b) => a - b);
}

/** POST /api/auth/login as the admin; the status. */
async function loginStatus(baseUrl: string): Promise<number> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  await res.arrayBuffer();
  return res.status;
}

/** Sends SIGINT to the whole process group of `group` (as Ctrl-C in a terminal does); its exit code. */
function interruptGroup(group: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => group.once('exit', (code) => resolve(code)));
  process.kill(-group.pid!, 'SIGINT');
  return exited;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('relata start --processes 2', () => {
  let db: Database;
  let child: ChildProcess;
  let url: string;
  let output = '';

  beforeAll(async () => {
    db = await createTestDatabase();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env = { ...process.env, DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', RELATA_ADMIN_EMAIL: ADMIN.email, RELATA_ADMIN_PASSWORD: ADMIN.password, RELATA_MASTER_KEY: '0a'.repeat(32), LOG_LEVEL: 'warn' };
    child = spawn(process.execPath, [path.join(ROOT, 'bin/relata.js'), 'start', '--role=api', '--no-demo', '--processes', '2'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`relata did not start:\n${output}`)), 90_000);
      const check = () => {
        if (output.includes('Relata is running')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => reject(new Error(`relata exited with ${code}:\n${output}`)));
    });
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await db?.close();
  });

  const login = async () => {
    const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  };
  const me = (token: string) => fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
  /** Sequential requests on fresh connections, so both processes take some. */
  const many = async (n: number, call: () => Promise<number>) => {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) statuses.push(await call());
    return statuses;
  };

  it('runs two API processes under the primary, and a session from one works on the other', async () => {
    expect(apiProcesses(child.pid!)).toHaveLength(2);
    expect(output).toContain('2 API processes');
    const token = await login();
    expect(new Set(await many(20, () => me(token)))).toEqual(new Set([200]));
  });

  it('serves /metrics as the sum over the group', async () => {
    const count = async () => {
      const text = await (await fetch(`${url}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith('relata_http_request_duration_seconds_count{') && l.includes('route="/health"') && l.includes('status="200"'));
      return line ? Number(line.split(' ').at(-1)) : 0;
    };
    const before = await count();
    await many(30, () => fetch(`${url}/health`).then((r) => r.status));
    // Every one of the 30, whichever process answered it: one process alone saw about half.
    expect((await count()) - before).toBe(30);
  });

  it('applies a logout in every process on the next request', async () => {
    // Several rounds: the other process must have the change before the logout's response leaves,
    // not whenever its NOTIFY arrives (which lost the race now and then).
    for (let round = 0; round < 8; round++) {
      const token = await login();
      expect(new Set(await many(10, () => me(token)))).toEqual(new Set([200]));
      const res = await fetch(`${url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(204);
      expect(new Set(await many(10, () => me(token)))).toEqual(new Set([401]));
    }
  }, 30_000);

  it('starts a killed API process again and keeps answering', async () => {
    const [victim, other] = apiProcesses(child.pid!);
    process.kill(victim!, 'SIGKILL');
    await eventually(() => {
      const now = apiProcesses(child.pid!);
      return now.length === 2 && !now.includes(victim!) && now.includes(other!);
    }, 30_000);
    const token = await login();
    expect(new Set(await many(10, () => me(token)))).toEqual(new Set([200]));
  }, 60_000);

  it('stops every process on SIGINT', async () => {
    const pids = apiProcesses(child.pid!);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const asked = Date.now();
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    // Gracefully, not by the 15 s SIGKILL fallback (a process that was still starting must be asked again).
    expect(Date.now() - asked).toBeLessThan(10_000);
    expect(pids).toHaveLength(2);
    await eventually(() => pids.filter(alive).length === 0, 15_000);
  }, 30_000);
});

describe('Ctrl-C in a terminal: SIGINT to the whole process group, embedded PostgreSQL', () => {
  it('stops the primary, its API processes and the embedded server, exit code 0, and starts again on the same data', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relata-sigint-'));
    fs.chmodSync(dataDir, 0o755);
    const port = await freePort();
    const env = { ...process.env, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', RELATA_DATA_DIR: dataDir, RELATA_ADMIN_EMAIL: ADMIN.email, RELATA_ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'warn' };
    const start = async () => {
      // detached: its own process group, as a terminal gives a foreground job.
      const group = spawn(process.execPath, [path.join(ROOT, 'bin/relata.js'), 'start', '--role=api', '--no-demo', '--processes', '2'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let log = '';
      group.stdout?.on('data', (d) => (log += d));
      group.stderr?.on('data', (d) => (log += d));
      await eventually(() => log.includes('Relata is running') || group.exitCode !== null, 90_000);
      expect(log).toContain('Relata is running');
      return group;
    };
    try {
      const baseUrl = `http://127.0.0.1:${port}`;
      const first = await start();
      expect(await loginStatus(baseUrl)).toBe(200);
      expect(await interruptGroup(first)).toBe(0);
      // The postmaster and the API processes are gone with it: the data directory can be started again.
      await eventually(() => !fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid')), 15_000);
      const second = await start();
      expect(await loginStatus(baseUrl)).toBe(200);
      expect(await interruptGroup(second)).toBe(0);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
