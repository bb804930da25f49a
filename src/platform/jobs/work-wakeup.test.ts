import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/support/eventually.js';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { ManualClock } from '../clock.js';
import type { Database } from '../db/index.js';
import { OutboxDispatcher, publish, type OutboxEvent } from '../events/index.js';
import { JobWorker } from './job-worker.js';
import { listenForWork } from './work-wakeup.js';

const HOUR = 3_600_000;

describe('listenForWork', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('delivers a committed event through dispatcher and worker without waiting for their (hour-long) polls', async () => {
    const clock = new ManualClock('2026-03-01T08:00:00Z');
    const handled: OutboxEvent[] = [];
    const dispatcher = new OutboxDispatcher({ db, clock, pollIntervalMs: HOUR, subscriptions: [{ handlerName: 'probe', topics: ['probe.*'], handle: async (event) => void handled.push(event) }] });
    const worker = new JobWorker({ db, clock, handlers: dispatcher.jobHandlers(), workerId: 'w', concurrency: 2, pollIntervalMs: HOUR, lockTimeoutMs: 30_000 });
    const listener = listenForWork(db.url, { outbox: dispatcher, jobs: worker });
    dispatcher.start();
    worker.start();
    try {
      // Both loops have polled once on start and now sleep for an hour.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await listener.start();
      await db.tx((sql) => publish(sql, { topic: 'probe.created', aggregateType: 'probe', aggregateId: '1', payload: { n: 1 } }, clock));
      await eventually(() => handled.length === 1, 5_000);
      expect(handled[0]!.topic).toBe('probe.created');
      // A second one, while everything is idle again.
      await db.tx((sql) => publish(sql, { topic: 'probe.updated', aggregateType: 'probe', aggregateId: '1', payload: { n: 2 } }, clock));
      await eventually(() => handled.length === 2, 5_000);
    } finally {
      await listener.stop();
      await dispatcher.stop();
      await worker.stop();
    }
  });

  it('without the listener the same event waits for the poll (the wake-up is what delivers it)', async () => {
    const clock = new ManualClock('2026-03-01T08:00:00Z');
    const handled: OutboxEvent[] = [];
    const dispatcher = new OutboxDispatcher({ db, clock, pollIntervalMs: HOUR, subscriptions: [{ handlerName: 'probe2', topics: ['probe.*'], handle: async (event) => void handled.push(event) }] });
    dispatcher.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await db.tx((sql) => publish(sql, { topic: 'probe.created', aggregateType: 'probe', aggregateId: '2', payload: {} }, clock));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const pending = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
      expect(pending.rows[0]!.n).toBeGreaterThan(0);
    } finally {
      await dispatcher.stop();
    }
  });
});
