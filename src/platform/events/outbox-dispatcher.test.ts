import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { ManualClock } from '../clock.js';
import { Database, type Sql } from '../db/index.js';
import { type JobContext, JobWorker } from '../jobs/index.js';
import type { OutboxEvent, Subscription } from './outbox-event.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';
import { publish } from './outbox-repository.js';

/** A subscription that records what it handled; `failTimes` makes its first runs throw. */
function recorder(handlerName: string, topics: string[], failTimes = 0) {
  const handled: { event: OutboxEvent; ctx: JobContext }[] = [];
  let failures = 0;
  const subscription: Subscription = {
    handlerName,
    topics,
    async handle(event, ctx) {
      if (failures < failTimes) {
        failures += 1;
        throw new Error('downstream unavailable');
      }
      handled.push({ event, ctx });
    },
  };
  return { subscription, handled };
}

describe('OutboxDispatcher', () => {
  let db: Database;
  let clock: ManualClock;
  const createCustomer = (sql: Sql, name: string) =>
    sql
      .query<{ id: number }>('INSERT INTO demo_customers (name) VALUES ($1) RETURNING id', [name])
      .then((r) => r.rows[0]!.id);
  const publishCustomer = (sql: Sql, topic: string, id: number | string) =>
    publish(sql, { topic, aggregateType: 'customer', aggregateId: String(id), payload: { id } }, clock);
  const setUp = (subscriptions: Subscription[], pool: Database = db) => {
    const dispatcher = new OutboxDispatcher({ db: pool, clock, subscriptions });
    const worker = new JobWorker({
      db: pool,
      clock,
      handlers: dispatcher.jobHandlers(),
      workerId: 'w',
      concurrency: 8,
      pollIntervalMs: 10,
      lockTimeoutMs: 30_000,
      random: () => 0,
    });
    return { dispatcher, worker };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.query('CREATE TABLE demo_customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL)');
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.query('TRUNCATE outbox, jobs, demo_customers');
    clock = new ManualClock('2026-03-01T08:00:00Z');
  });

  it('delivers an event committed with its change to the handler once', async () => {
    const audit = recorder('audit-trail', ['customer.created']);
    const { dispatcher, worker } = setUp([audit.subscription]);
    const customerId = await db.tx(async (sql) => {
      const id = await createCustomer(sql, '张三');
      await publishCustomer(sql, 'customer.created', id);
      return id;
    });
    const [first, second] = await Promise.all([dispatcher.dispatchOnce(), dispatcher.dispatchOnce()]);
    expect([first, second].sort()).toEqual([0, 1]);
    expect(await dispatcher.dispatchOnce()).toBe(0);
    await worker.runOnce();
    await worker.runOnce();
    expect(audit.handled).toHaveLength(1);
    const { event, ctx } = audit.handled[0]!;
    expect(event).toEqual({
      id: expect.any(Number),
      topic: 'customer.created',
      aggregateType: 'customer',
      aggregateId: String(customerId),
      payload: { id: customerId },
      createdAt: new Date('2026-03-01T08:00:00Z'),
    });
    expect(ctx).toMatchObject({ name: 'event:audit-trail', attempt: 1, maxAttempts: 10 });
    const job = await db.query('SELECT unique_key FROM jobs');
    expect(job.rows).toEqual([{ unique_key: `event:audit-trail:${event.id}` }]);
    const outbox = await db.query<{ published_at: Date }>('SELECT published_at FROM outbox');
    expect(outbox.rows[0]!.published_at).toEqual(new Date('2026-03-01T08:00:00Z'));
  });

  it('moves each event once with two dispatchers on two pools racing over many batches', async () => {
    const otherPool = new Database(db.url, 3);
    const sync = recorder('search-sync', ['customer.*']);
    const a = new OutboxDispatcher({ db, clock, subscriptions: [sync.subscription], batchSize: 7 });
    const b = new OutboxDispatcher({ db: otherPool, clock, subscriptions: [sync.subscription], batchSize: 7 });
    await db.tx(async (sql) => {
      for (let i = 1; i <= 100; i++) await publishCustomer(sql, 'customer.updated', i);
    });
    let moved = 0;
    for (;;) {
      const [fromA, fromB] = await Promise.all([a.dispatchOnce(), b.dispatchOnce()]);
      if (fromA + fromB === 0) break;
      moved += fromA + fromB;
    }
    await otherPool.close();
    expect(moved).toBe(100);
    const { worker } = setUp([sync.subscription]);
    while ((await worker.runOnce()) > 0) {}
    const ids = sync.handled.map(({ event }) => Number(event.aggregateId)).sort((x, y) => x - y);
    expect(ids).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('never delivers the event of a rolled-back transaction', async () => {
    const audit = recorder('audit-trail', ['*']);
    const { dispatcher, worker } = setUp([audit.subscription]);
    await expect(
      db.tx(async (sql) => {
        const id = await createCustomer(sql, '李四');
        await publishCustomer(sql, 'customer.created', id);
        throw new Error('validation failed after the insert');
      }),
    ).rejects.toThrow('validation failed');
    expect(await dispatcher.dispatchOnce()).toBe(0);
    expect(await worker.runOnce()).toBe(0);
    expect(audit.handled).toEqual([]);
    expect((await db.query('SELECT 1 FROM outbox')).rowCount).toBe(0);
  });

  it('does not see an event before its transaction commits', async () => {
    const { dispatcher } = setUp([recorder('audit-trail', ['*']).subscription]);
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await publishCustomer(client, 'customer.created', 1);
      expect(await dispatcher.dispatchOnce()).toBe(0);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await dispatcher.dispatchOnce()).toBe(1);
  });

  it('routes by exact and wildcard topics, and marks unsubscribed events published', async () => {
    const created = recorder('welcome-mail', ['customer.created']);
    const everyCustomer = recorder('search-sync', ['customer.*']);
    const everything = recorder('webhooks', ['*']);
    const orders = recorder('loyalty', ['order.paid', 'order.refunded']);
    const { dispatcher, worker } = setUp([created, everyCustomer, everything, orders].map((r) => r.subscription));
    await db.tx(async (sql) => {
      await publishCustomer(sql, 'customer.created', 1);
      await publishCustomer(sql, 'customer.deleted', 1);
      await publish(sql, { topic: 'order.paid', aggregateType: 'order', aggregateId: '9', payload: {} }, clock);
      await publish(sql, { topic: 'ticket.opened', aggregateType: 'ticket', aggregateId: '3', payload: {} }, clock);
    });
    expect(await dispatcher.dispatchOnce()).toBe(4);
    while ((await worker.runOnce()) > 0) {}
    const topics = (r: ReturnType<typeof recorder>) => r.handled.map(({ event }) => event.topic).sort();
    expect(topics(created)).toEqual(['customer.created']);
    expect(topics(everyCustomer)).toEqual(['customer.created', 'customer.deleted']);
    expect(topics(everything)).toEqual(['customer.created', 'customer.deleted', 'order.paid', 'ticket.opened']);
    expect(topics(orders)).toEqual(['order.paid']);
    expect((await db.query('SELECT 1 FROM outbox WHERE published_at IS NULL')).rowCount).toBe(0);
  });

  it('creates no delivery for an event a subscription declines', async () => {
    const all = recorder('search-sync', ['customer.*']);
    const picky = recorder('traits', ['customer.*']);
    picky.subscription.accepts = (event) => event.topic !== 'customer.updated';
    const { dispatcher, worker } = setUp([all.subscription, picky.subscription]);
    await db.tx(async (sql) => {
      await publishCustomer(sql, 'customer.created', 1);
      await publishCustomer(sql, 'customer.updated', 1);
    });
    expect(await dispatcher.dispatchOnce()).toBe(2);
    expect((await db.query(`SELECT 1 FROM jobs WHERE name = 'event:traits'`)).rowCount).toBe(1);
    while ((await worker.runOnce()) > 0) {}
    expect(all.handled.map(({ event }) => event.topic).sort()).toEqual(['customer.created', 'customer.updated']);
    expect(picky.handled.map(({ event }) => event.topic)).toEqual(['customer.created']);
  });

  it('retries a failing handler through the job queue', async () => {
    const flaky = recorder('crm-sync', ['customer.updated'], 2);
    const { dispatcher, worker } = setUp([flaky.subscription]);
    await db.tx((sql) => publishCustomer(sql, 'customer.updated', 5));
    await dispatcher.dispatchOnce();
    expect(await worker.runOnce()).toBe(1); // attempt 1 fails
    const job = await db.query<{ status: string; last_error: string }>('SELECT status, last_error FROM jobs');
    expect(job.rows[0]).toEqual({ status: 'pending', last_error: 'Error: downstream unavailable' });
    clock.advance(2_000);
    expect(await worker.runOnce()).toBe(1); // attempt 2 fails
    clock.advance(4_000);
    expect(await worker.runOnce()).toBe(1); // attempt 3 succeeds
    expect(flaky.handled.map(({ ctx }) => ctx.attempt)).toEqual([3]);
    expect((await db.query(`SELECT 1 FROM jobs WHERE status = 'done'`)).rowCount).toBe(1);
  });

  it('does not enqueue a delivery twice if an event is moved again', async () => {
    const audit = recorder('audit-trail', ['customer.*']);
    const { dispatcher, worker } = setUp([audit.subscription]);
    await db.tx((sql) => publishCustomer(sql, 'customer.created', 1));
    await dispatcher.dispatchOnce();
    await worker.runOnce();
    // As if an operator replayed the outbox: the unique key keeps delivery idempotent.
    await db.query('UPDATE outbox SET published_at = NULL');
    expect(await dispatcher.dispatchOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);
    expect(audit.handled).toHaveLength(1);
    expect((await db.query('SELECT 1 FROM jobs')).rowCount).toBe(1);
  });

  it('dispatches in the background with start() and stop()', async () => {
    const audit = recorder('audit-trail', ['customer.*']);
    const dispatcher = new OutboxDispatcher({ db, clock, subscriptions: [audit.subscription], batchSize: 2, pollIntervalMs: 10 });
    dispatcher.start();
    await db.tx(async (sql) => {
      for (let i = 1; i <= 5; i++) await publishCustomer(sql, 'customer.updated', i);
    });
    await vi.waitFor(async () => expect((await db.query('SELECT 1 FROM jobs')).rowCount).toBe(5));
    await dispatcher.stop();
  });

  it('rejects bad topics and subscriptions', async () => {
    await expect(publishCustomer(db, 'CustomerCreated', 1)).rejects.toThrow(/invalid event topic/);
    const make = (subscriptions: Subscription[]) => new OutboxDispatcher({ db, clock, subscriptions });
    const ok = recorder('a', ['customer.*']).subscription;
    expect(() => make([ok, ok])).toThrow(/used twice/);
    expect(() => make([{ ...ok, topics: [] }])).toThrow(/no topics/);
    expect(() => make([{ ...ok, topics: ['customer*'] }])).toThrow(/invalid topic pattern/);
    expect(() => make([{ ...ok, handlerName: 'has:colon' }])).toThrow(/handlerName/);
    expect(() => new OutboxDispatcher({ db, clock, subscriptions: [ok], batchSize: 0 })).toThrow(/batchSize/);
    expect(() => new OutboxDispatcher({ db, clock, subscriptions: [ok], maxAttempts: 0 })).toThrow(/maxAttempts/);
  });
});
