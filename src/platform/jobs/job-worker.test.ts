import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { ManualClock } from '../clock.js';
import { Database } from '../db/index.js';
import { createLogger } from '../logger.js';
import { claimJobs } from './job-claim-repository.js';
import { enqueue, enqueueMany } from './job-repository.js';
import type { JobContext, JobHandler, JobLogger } from './job-types.js';
import { JobWorker, type JobWorkerOptions } from './job-worker.js';

/** A logger that keeps what it was told, to check what reaches the logs. */
function recordingLogger(): JobLogger & { lines: string[] } {
  const lines: string[] = [];
  const log = (details: Record<string, unknown>, message: string) => lines.push(`${message} ${JSON.stringify(details)}`);
  return { lines, info: log, warn: log, error: log };
}

/** A promise the test resolves by hand, to hold a handler mid-run. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('JobWorker', () => {
  let db: Database;
  let clock: ManualClock;
  const worker = (handlers: Record<string, JobHandler>, overrides: Partial<JobWorkerOptions> = {}) =>
    new JobWorker({
      db,
      clock,
      handlers,
      workerId: 'worker-a',
      concurrency: 4,
      pollIntervalMs: 10,
      lockTimeoutMs: 30_000,
      random: () => 0,
      ...overrides,
    });
  const statusOf = async (id: number) =>
    (await db.query<{ status: string; attempts: number; due_at: Date; last_error: string | null }>(
      'SELECT status, attempts, due_at, last_error FROM jobs WHERE id = $1',
      [id],
    )).rows[0]!;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.query('CREATE TABLE job_runs (job_id bigint NOT NULL, worker_id text NOT NULL)');
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.query('TRUNCATE jobs, job_runs');
    clock = new ManualClock('2026-03-01T08:00:00Z');
  });

  it('runs a job with its payload and context, then marks it done', async () => {
    const seen: [unknown, JobContext][] = [];
    const id = (await enqueue(db, { name: 'mail.send', payload: { to: 7 }, maxAttempts: 2 }, clock))!;
    const runner = worker({ 'mail.send': async (payload, ctx) => void seen.push([payload, ctx]) });
    expect(await runner.runOnce()).toBe(1);
    expect(seen).toEqual([[{ to: 7 }, { jobId: id, name: 'mail.send', attempt: 1, maxAttempts: 2, workerId: 'worker-a' }]]);
    expect(await statusOf(id)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await runner.runOnce()).toBe(0);
  });

  it('leaves jobs it has no handler for to other workers', async () => {
    const id = (await enqueue(db, { name: 'report.build' }, clock))!;
    expect(await worker({ 'mail.send': async () => {} }).runOnce()).toBe(0);
    expect(await statusOf(id)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('retries with exponential backoff, then fails after max attempts', async () => {
    const logger = recordingLogger();
    const attempts: number[] = [];
    const id = (await enqueue(db, { name: 'mail.send', payload: { email: 'zhang.san@example.com' }, maxAttempts: 3 }, clock))!;
    const runner = worker(
      {
        'mail.send': async (_payload, ctx) => {
          attempts.push(ctx.attempt);
          throw new Error('smtp refused');
        },
      },
      { logger },
    );
    expect(await runner.runOnce()).toBe(1);
    let row = await statusOf(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Error: smtp refused' });
    expect(row.due_at.toISOString()).toBe('2026-03-01T08:00:02.000Z'); // 2^1 s
    clock.advance(1_999);
    expect(await runner.runOnce()).toBe(0);
    clock.advance(1);
    expect(await runner.runOnce()).toBe(1);
    row = await statusOf(id);
    expect(row.due_at.toISOString()).toBe('2026-03-01T08:00:06.000Z'); // + 2^2 s
    clock.advance(4_000);
    expect(await runner.runOnce()).toBe(1);
    expect(await statusOf(id)).toMatchObject({ status: 'failed', attempts: 3, last_error: 'Error: smtp refused' });
    clock.advance(3_600_000);
    expect(await runner.runOnce()).toBe(0);
    expect(attempts).toEqual([1, 2, 3]);
    expect(logger.lines.some((line) => line.startsWith('job failed for good'))).toBe(true);
    expect(logger.lines.join('\n')).not.toContain('zhang.san');
  });

  it('adds jitter that only shortens the wait', async () => {
    const ids = await Promise.all([1, 2, 3].map(() => enqueue(db, { name: 'flaky' }, clock)));
    const failing = async () => {
      throw new Error('x');
    };
    await worker({ flaky: failing }, { random: Math.random }).runOnce();
    for (const id of ids) {
      const delay = (await statusOf(id!)).due_at.getTime() - clock.now().getTime();
      // round(2000 × (1 − 0.1·r)) for r in [0, 1): 1,800 itself when r > 0.9975.
      expect(delay).toBeGreaterThanOrEqual(1_800);
      expect(delay).toBeLessThanOrEqual(2_000);
    }
  });

  it('does not run a delayed job before its due time, and runs it after', async () => {
    const runs: number[] = [];
    await enqueue(db, { name: 'remind', dueAt: new Date('2026-03-04T08:00:00Z') }, clock);
    const runner = worker({ remind: async (_p, ctx) => void runs.push(ctx.jobId) });
    expect(await runner.runOnce()).toBe(0);
    clock.advance(3 * 86_400_000 - 1);
    expect(await runner.runOnce()).toBe(0);
    clock.advance(1);
    expect(await runner.runOnce()).toBe(1);
    expect(runs).toHaveLength(1);
  });

  it('recovers the job of a crashed worker once its lock expires', async () => {
    const id = (await enqueue(db, { name: 'mail.send' }, clock))!;
    const lockedUntil = new Date(clock.now().getTime() + 30_000);
    // A worker claims the job and dies without a word.
    await claimJobs(db, { names: ['mail.send'], limit: 1, workerId: 'crashed', now: clock.now(), lockedUntil });
    const attempts: number[] = [];
    const survivor = worker({ 'mail.send': async (_p, ctx) => void attempts.push(ctx.attempt) }, { workerId: 'b' });
    expect(await survivor.runOnce()).toBe(0);
    clock.advance(30_001);
    expect(await survivor.runOnce()).toBe(1);
    expect(attempts).toEqual([2]);
    expect(await statusOf(id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('renews the lock of a long run so it is not taken for stale', async () => {
    const hold = gate();
    const id = (await enqueue(db, { name: 'slow' }, clock))!;
    const runner = worker({ slow: () => hold.opened }, { lockTimeoutMs: 60 });
    const run = runner.runOnce();
    await vi.waitFor(async () => expect((await statusOf(id)).status).toBe('running'));
    clock.advance(600_000);
    await vi.waitFor(async () => {
      const { rows } = await db.query<{ locked_until: Date }>('SELECT locked_until FROM jobs WHERE id = $1', [id]);
      expect(rows[0]!.locked_until.getTime()).toBeGreaterThan(clock.now().getTime());
    });
    expect(await worker({ slow: async () => {} }, { workerId: 'b' }).recoverStale()).toBe(0);
    hold.open();
    expect(await run).toBe(1);
    expect(await statusOf(id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('runs each of 200 jobs exactly once with two polling workers on two pools', async () => {
    const otherPool = new Database(db.url, 5);
    const record = (workerId: string): JobHandler => async (_payload, ctx) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
      await db.query('INSERT INTO job_runs (job_id, worker_id) VALUES ($1, $2)', [ctx.jobId, workerId]);
    };
    await enqueueMany(db, Array.from({ length: 200 }, (_, i) => ({ name: 'count', payload: { i } })), clock);
    const a = worker({ count: record('a') }, { workerId: 'a', pollIntervalMs: 5 });
    const b = worker({ count: record('b') }, { workerId: 'b', db: otherPool, pollIntervalMs: 5 });
    a.start();
    b.start();
    await vi.waitFor(
      async () => expect((await db.query(`SELECT 1 FROM jobs WHERE status = 'done'`)).rowCount).toBe(200),
      { timeout: 20_000, interval: 50 },
    );
    await Promise.all([a.stop(), b.stop()]);
    await otherPool.close();
    const { rows } = await db.query<{ runs: number; jobs: number; workers: number }>(
      'SELECT count(*)::int AS runs, count(DISTINCT job_id)::int AS jobs, count(DISTINCT worker_id)::int AS workers FROM job_runs',
    );
    expect(rows[0]).toEqual({ runs: 200, jobs: 200, workers: 2 });
  });

  it('runs each job once when two workers call runOnce at the same time', async () => {
    const otherPool = new Database(db.url, 5);
    const record: JobHandler = async (_payload, ctx) => {
      await db.query('INSERT INTO job_runs (job_id, worker_id) VALUES ($1, $2)', [ctx.jobId, ctx.workerId]);
    };
    await enqueueMany(db, Array.from({ length: 200 }, () => ({ name: 'count' })), clock);
    const a = worker({ count: record }, { workerId: 'a', concurrency: 7 });
    const b = worker({ count: record }, { workerId: 'b', concurrency: 5, db: otherPool });
    let ran = 0;
    for (;;) {
      const [fromA, fromB] = await Promise.all([a.runOnce(), b.runOnce()]);
      if (fromA + fromB === 0) break;
      ran += fromA + fromB;
    }
    await otherPool.close();
    expect(ran).toBe(200);
    const { rows } = await db.query('SELECT job_id FROM job_runs GROUP BY job_id HAVING count(*) > 1');
    expect(rows).toEqual([]);
    expect((await db.query('SELECT 1 FROM job_runs')).rowCount).toBe(200);
  });

  it('stops gracefully: waits for running jobs, then claims nothing more', async () => {
    const hold = gate();
    const ids = await Promise.all([1, 2].map(() => enqueue(db, { name: 'slow' }, clock)));
    const runner = worker({ slow: () => hold.opened }, { concurrency: 2 });
    runner.start();
    await vi.waitFor(() => expect(runner.running).toBe(2));
    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(stopped).toBe(false);
    hold.open();
    await stopping;
    for (const id of ids) expect((await statusOf(id!)).status).toBe('done');
    const late = (await enqueue(db, { name: 'slow' }, clock))!;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await statusOf(late)).status).toBe('pending');
  });

  it('keeps polling through database errors and still stops', async () => {
    const logger = recordingLogger();
    const broken = { query: () => Promise.reject(new Error('connection refused')) };
    const runner = worker({ any: async () => {} }, { db: broken, logger });
    runner.start();
    await vi.waitFor(() => expect(logger.lines.filter((l) => l.startsWith('job poll failed')).length).toBeGreaterThan(2));
    await runner.stop();
  });

  it('checks its options and accepts the platform logger', () => {
    expect(() => worker({}, { concurrency: 0 })).toThrow(/concurrency/);
    expect(() => worker({}, { workerId: '' })).toThrow(/workerId/);
    expect(() => worker({}, { pollIntervalMs: 0 })).toThrow(/pollIntervalMs/);
    expect(() => worker({}, { lockTimeoutMs: -1 })).toThrow(/lockTimeoutMs/);
    const logger: JobLogger = createLogger('silent');
    expect(worker({}, { logger })).toBeInstanceOf(JobWorker);
  });
});
