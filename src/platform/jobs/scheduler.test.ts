import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { ManualClock } from '../clock.js';
import { Database } from '../db/index.js';
import type { Schedule } from './schedule-slots.js';
import { SCHEDULER_LOCK_KEY, Scheduler } from './scheduler.js';

const schedules: Schedule[] = [
  { name: 'journeys.wake', everyMs: 60_000, jobName: 'journeys.wake-due', payload: { batch: 500 } },
  { name: 'rfm.nightly', dailyAt: '02:30', jobName: 'analytics.rfm', maxAttempts: 2 },
];

describe('Scheduler', () => {
  let db: Database;
  let poolA: Database;
  let poolB: Database;
  let clock: ManualClock;
  const started: Scheduler[] = [];
  const scheduler = (pool: Database, pollIntervalMs = 10_000) => {
    const instance = new Scheduler({ db: pool, clock, schedules, pollIntervalMs });
    started.push(instance);
    return instance;
  };
  const jobKeys = async () =>
    (await db.query<{ unique_key: string }>('SELECT unique_key FROM jobs ORDER BY unique_key')).rows.map((r) => r.unique_key);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.query('DELETE FROM jobs');
    // 2026-03-01T18:30:20Z is 02:30:20 on 2 March in Shanghai: both schedules are in a fresh slot.
    clock = new ManualClock('2026-03-01T18:30:20Z');
    poolA = new Database(db.url, 3);
    poolB = new Database(db.url, 3);
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.stop()));
    await Promise.all([poolA.close(), poolB.close()]);
  });

  it('elects one leader among two processes, which fires each slot once', async () => {
    const a = scheduler(poolA);
    const b = scheduler(poolB);
    expect(await a.tick()).toBe(2);
    expect(await b.tick()).toBe(0);
    expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
    expect(await Promise.all([a.tick(), b.tick(), a.tick()])).toEqual([0, 0, 0]);
    expect(await jobKeys()).toEqual([
      'schedule:journeys.wake:2026-03-01T18:30:00.000Z',
      'schedule:rfm.nightly:2026-03-01T18:30:00.000Z',
    ]);
    const rfm = (await db.query('SELECT name, payload, max_attempts, due_at FROM jobs WHERE name = $1', ['analytics.rfm'])).rows[0];
    expect(rfm).toEqual({ name: 'analytics.rfm', payload: {}, max_attempts: 2, due_at: new Date('2026-03-01T18:30:00Z') });

    clock.advance(40_000); // next minute slot, same day
    expect(await Promise.all([b.tick(), a.tick()])).toEqual([0, 1]);
    clock.advance(86_400_000); // a day later: both fire again
    expect(await a.tick()).toBe(2);
    expect(await jobKeys()).toHaveLength(5);
  });

  it('hands leadership over when the leader stops', async () => {
    const a = scheduler(poolA);
    const b = scheduler(poolB);
    await a.tick();
    await b.tick();
    await a.stop();
    expect(a.isLeader()).toBe(false);
    clock.advance(60_000);
    expect(await b.tick()).toBe(1);
    expect(b.isLeader()).toBe(true);
    expect(await a.tick()).toBe(0); // a stopped process may come back, as a follower
    expect(a.isLeader()).toBe(false);
  });

  it('hands leadership over when the leader’s connection dies', async () => {
    const a = scheduler(poolA);
    const b = scheduler(poolB);
    await a.tick();
    expect(await b.tick()).toBe(0);
    // Kill the session that holds the advisory lock, as a crash or network cut would.
    await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
       WHERE locktype = 'advisory' AND objid = $1 AND granted`,
      [SCHEDULER_LOCK_KEY],
    );
    clock.advance(60_000);
    await vi.waitFor(async () => {
      await b.tick();
      expect(b.isLeader()).toBe(true);
    });
    expect(await a.tick()).toBe(0);
    expect(a.isLeader()).toBe(false);
    expect(await jobKeys()).toContain('schedule:journeys.wake:2026-03-01T18:31:00.000Z');
    expect((await db.query('SELECT 1 FROM jobs')).rowCount).toBe(3);
  });

  it('does not fire a slot again under a new leader', async () => {
    // The unique key guards slots across leaders, so a handover inside a slot cannot double it.
    const a = scheduler(poolA);
    const b = scheduler(poolB);
    await a.tick();
    await a.stop();
    expect(await b.tick()).toBe(0);
    expect(b.isLeader()).toBe(true);
    expect(await jobKeys()).toHaveLength(2);
  });

  it('runs on its own with start() and stops cleanly', async () => {
    const a = scheduler(poolA, 10);
    const b = scheduler(poolB, 10);
    a.start();
    b.start();
    await vi.waitFor(() => expect(a.isLeader() || b.isLeader()).toBe(true));
    await vi.waitFor(async () => expect(await jobKeys()).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.isLeader() && b.isLeader()).toBe(false);
    expect(await jobKeys()).toHaveLength(2);
    await Promise.all([a.stop(), b.stop()]);
    expect(a.isLeader() || b.isLeader()).toBe(false);
    const held = await db.query('SELECT 1 FROM pg_locks WHERE locktype = $1 AND objid = $2', ['advisory', SCHEDULER_LOCK_KEY]);
    expect(held.rowCount).toBe(0);
  });

  it('rejects invalid or duplicate schedules', () => {
    const make = (list: Schedule[]) => new Scheduler({ db: poolA, clock, schedules: list, pollIntervalMs: 1000 });
    expect(() => make([{ name: 'x', jobName: 'y', dailyAt: '25:00' }])).toThrow(/dailyAt/);
    expect(() => make([schedules[0]!, schedules[0]!])).toThrow(/twice/);
  });
});
