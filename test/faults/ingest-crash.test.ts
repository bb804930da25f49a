import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/index.js';
import { createTestDatabase } from '../support/test-database.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ADMIN = { email: 'crash-admin@test.local', password: 'crash-admin-pass-1' };

interface Server {
  child: ChildProcess;
  url: string;
}

/** Starts the real app in its own process on the test's database. */
async function startServer(databaseUrl: string): Promise<Server> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, RELATA_ADMIN_EMAIL: ADMIN.email, RELATA_ADMIN_PASSWORD: ADMIN.password, RELATA_MASTER_KEY: '07'.repeat(32), LOG_LEVEL: 'silent' };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/faults/crash-server.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /listening (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

function batchOf(run: number, size: number): { id: number; body: string; messageIds: string[] } {
  const messageIds = Array.from({ length: size }, (_, i) => `crash-${run}-${i}`);
  const batch = messageIds.map((messageId, i) => ({ type: 'track', messageId, userId: `crash-user-${(run * size + i) % 40}`, event: 'Crash Test', properties: { run, i } }));
  return { id: run, body: JSON.stringify({ batch }), messageIds };
}

/** POSTs a batch; true only for a 2xx (the contract: 2xx means committed). */
async function send(url: string, writeKey: string, body: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/v1/batch`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`, 'content-type': 'application/json' }, body });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false; // connection reset by the kill: not acknowledged
  }
}

describe('tracking ingest survives kill -9', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('keeps every acknowledged event exactly once when the server is killed mid-ingest and the client retries', async () => {
    let server = await startServer(db.url);
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    const token = ((await login.json()) as { token: string }).token;
    const created = await fetch(`${server.url}/api/sources`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'crash-source' }) });
    const { writeKey } = (await created.json()) as { writeKey: string };

    const batches = Array.from({ length: 160 }, (_, run) => batchOf(run, 25));
    const acknowledged = new Set<number>();
    const pending = [...batches];
    // Four concurrent senders; the server is killed while they are busy.
    let killed = false;
    const sender = async () => {
      for (let next = pending.shift(); next !== undefined && !killed; next = pending.shift()) {
        if (await send(server.url, writeKey, next.body)) acknowledged.add(next.id);
      }
    };
    const senders = Promise.all([sender(), sender(), sender(), sender()]);
    while (acknowledged.size < 20) await new Promise((r) => setTimeout(r, 10));
    server.child.kill('SIGKILL');
    killed = true;
    await senders;
    // A child killed by a signal has signalCode set and exitCode null.
    await new Promise((r) => (server.child.exitCode !== null || server.child.signalCode !== null ? r(null) : server.child.once('exit', r)));
    const ackedBeforeCrash = new Set(acknowledged);
    expect(ackedBeforeCrash.size).toBeGreaterThanOrEqual(20);
    expect(ackedBeforeCrash.size).toBeLessThan(batches.length);

    // Every acknowledged event is already there, once, before any retry.
    const stored = async () => (await db.query<{ message_id: string; n: number }>(`SELECT message_id, count(*)::int AS n FROM events WHERE name = 'Crash Test' GROUP BY message_id`)).rows;
    const afterCrash = new Map((await stored()).map((r) => [r.message_id, r.n]));
    for (const id of ackedBeforeCrash) for (const m of batches[id]!.messageIds) expect(afterCrash.get(m)).toBe(1);

    // Restart; the client retries everything it has no acknowledgement for, and (as a careless
    // client might) resends a few acknowledged batches too.
    server = await startServer(db.url);
    try {
      const retry = [...batches.filter((b) => !ackedBeforeCrash.has(b.id)), ...batches.filter((b) => ackedBeforeCrash.has(b.id)).slice(0, 10)];
      for (const batch of retry) expect(await send(server.url, writeKey, batch.body)).toBe(true);
    } finally {
      server.child.kill('SIGTERM');
    }

    const rows = await stored();
    expect(rows.length).toBe(batches.length * 25);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const claims = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ingested_messages WHERE message_id LIKE 'crash-%'`)).rows[0]!.n;
    expect(claims).toBe(batches.length * 25);
  }, 180_000);
});
