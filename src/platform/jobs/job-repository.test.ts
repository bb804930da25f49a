import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { ManualClock } from '../clock.js';
import type { Database } from '../db/index.js';
import { claimJobs, markJobDone, markJobFailed, recoverStaleJobs } from './job-claim-repository.js';
import { enqueue, enqueueMany } from './job-repository.js';

interface JobRow {
  id: number;
  name: string;
  payload: unknown;
  status: string;
  attempts: number;
  max_attempts: number;
  due_at: Date;
  locked_by: string | null;
  locked_until: Date | null;
  last_error: string | null;
  unique_key: string | null;
  created_at: Date;
  finished_at: Date | null;
}

describe('job repository', () => {
  let db: Database;
  const clock = new ManualClock('2026-03-01T08:00:00Z');
  const job = async (id: number) => (await db.query<JobRow>('SELECT * FROM jobs WHERE id = $1', [id])).rows[0]!;
  const claim = (workerId = 'w1', limit = 10) =>
    claimJobs(db, {
      names: ['mail.send', 'report.build'],
      limit,
      workerId,
      now: clock.now(),
      lockedUntil: new Date(clock.now().getTime() + 30_000),
    });

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.query('DELETE FROM jobs');
    clock.set('2026-03-01T08:00:00Z');
  });

  it('enqueues with defaults from the clock', async () => {
    const id = await db.tx((sql) => enqueue(sql, { name: 'mail.send', payload: { to: 7 } }, clock));
    const row = await job(id!);
    expect(row).toMatchObject({ name: 'mail.send', payload: { to: 7 }, status: 'pending', attempts: 0, max_attempts: 5 });
    expect(row.due_at.toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(row.created_at.toISOString()).toBe('2026-03-01T08:00:00.000Z');
  });

  it('drops a job enqueued in a rolled-back transaction', async () => {
    await expect(
      db.tx(async (sql) => {
        await enqueue(sql, { name: 'mail.send', uniqueKey: 'rolled-back' }, clock);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect((await db.query('SELECT 1 FROM jobs')).rowCount).toBe(0);
    // The key was never taken, so it can be used now.
    expect(await enqueue(db, { name: 'mail.send', uniqueKey: 'rolled-back' }, clock)).not.toBeNull();
  });

  it('dedupes on unique key, whatever the first job’s status', async () => {
    const first = await enqueue(db, { name: 'mail.send', uniqueKey: 'welcome:42' }, clock);
    expect(first).toBeTypeOf('number');
    expect(await enqueue(db, { name: 'mail.send', uniqueKey: 'welcome:42', payload: { other: true } }, clock)).toBeNull();
    const [claimed] = await claim();
    await markJobDone(db, { jobId: claimed!.id, workerId: 'w1', attempt: 1 }, clock.now());
    expect(await enqueue(db, { name: 'mail.send', uniqueKey: 'welcome:42' }, clock)).toBeNull();
    expect(await enqueue(db, { name: 'mail.send', uniqueKey: 'welcome:43' }, clock)).not.toBeNull();
    expect((await db.query('SELECT 1 FROM jobs')).rowCount).toBe(2);
  });

  it('enqueues many in one statement, skipping taken keys even within the list', async () => {
    await enqueue(db, { name: 'mail.send', uniqueKey: 'k1' }, clock);
    const created = await enqueueMany(
      db,
      [
        { name: 'mail.send', uniqueKey: 'k1' },
        { name: 'mail.send', uniqueKey: 'k2' },
        { name: 'mail.send', uniqueKey: 'k2' },
        { name: 'report.build' },
        { name: 'report.build', maxAttempts: 2, dueAt: new Date('2026-03-02T00:00:00Z') },
      ],
      clock,
    );
    expect(created).toBe(3);
    expect(await enqueueMany(db, [], clock)).toBe(0);
  });

  it('rejects an empty name or a bad maxAttempts', async () => {
    await expect(enqueue(db, { name: '' }, clock)).rejects.toThrow(RangeError);
    await expect(enqueue(db, { name: 'x', maxAttempts: 0 }, clock)).rejects.toThrow(/maxAttempts/);
    await expect(enqueue(db, { name: 'x', maxAttempts: 1.5 }, clock)).rejects.toThrow(/maxAttempts/);
  });

  it('claims due jobs oldest first, locks them, and completes them', async () => {
    const later = await enqueue(db, { name: 'mail.send', dueAt: new Date('2026-03-01T07:59:00Z') }, clock);
    const earlier = await enqueue(db, { name: 'report.build', dueAt: new Date('2026-03-01T07:00:00Z') }, clock);
    await enqueue(db, { name: 'mail.send', dueAt: new Date('2026-03-01T09:00:00Z') }, clock); // not due
    await enqueue(db, { name: 'unknown.job' }, clock); // no handler in this claim
    const claimed = await claim('w1', 1);
    expect(claimed).toEqual([{ id: earlier, name: 'report.build', payload: {}, attempts: 1, maxAttempts: 5 }]);
    expect(await job(earlier!)).toMatchObject({ status: 'running', locked_by: 'w1', attempts: 1 });
    expect((await job(earlier!)).locked_until?.toISOString()).toBe('2026-03-01T08:00:30.000Z');
    expect((await claim('w2')).map((j) => j.id)).toEqual([later]);
    expect(await claim('w3')).toEqual([]);

    expect(await markJobDone(db, { jobId: earlier!, workerId: 'w1', attempt: 1 }, clock.now())).toBe(true);
    const done = await job(earlier!);
    expect(done).toMatchObject({ status: 'done', locked_by: null, locked_until: null });
    expect(done.finished_at?.toISOString()).toBe('2026-03-01T08:00:00.000Z');
  });

  it('runs a delayed job only once its due time has come', async () => {
    await enqueue(db, { name: 'mail.send', dueAt: new Date('2026-03-01T08:05:00Z') }, clock);
    expect(await claim()).toHaveLength(0);
    clock.advance(5 * 60_000 - 1);
    expect(await claim()).toHaveLength(0);
    clock.advance(1);
    expect(await claim()).toHaveLength(1);
  });

  it('fences results: a run whose lock was recovered cannot overwrite the next run', async () => {
    const id = (await enqueue(db, { name: 'mail.send' }, clock))!;
    await claim('w1');
    clock.advance(31_000);
    expect(await recoverStaleJobs(db, clock.now())).toEqual([{ id, status: 'pending' }]);
    await claim('w2');
    // w1 wakes up late and reports: nothing changes.
    expect(await markJobDone(db, { jobId: id, workerId: 'w1', attempt: 1 }, clock.now())).toBe(false);
    const failure = { error: 'late', now: clock.now(), retryAt: clock.now() };
    expect(await markJobFailed(db, { jobId: id, workerId: 'w1', attempt: 1 }, failure)).toBeNull();
    // Same worker id but an older attempt is also fenced off.
    await db.query(`UPDATE jobs SET locked_by = 'w1' WHERE id = $1`, [id]);
    expect(await markJobDone(db, { jobId: id, workerId: 'w1', attempt: 1 }, clock.now())).toBe(false);
    expect(await job(id)).toMatchObject({ status: 'running', attempts: 2 });
  });

  it('fails a stale job instead of retrying it when that was its last attempt', async () => {
    const id = (await enqueue(db, { name: 'mail.send', maxAttempts: 1 }, clock))!;
    await claim('w1');
    clock.advance(30_000);
    expect(await recoverStaleJobs(db, clock.now())).toEqual([]); // lock still valid at its very end
    clock.advance(1);
    expect(await recoverStaleJobs(db, clock.now())).toEqual([{ id, status: 'failed' }]);
    const row = await job(id);
    expect(row.last_error).toBe('lock expired: worker w1 did not finish the run');
    expect(row.finished_at?.toISOString()).toBe('2026-03-01T08:00:30.001Z');
  });
});
