import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../../platform/jobs/index.js';
import { type Customer360TestApp, createCustomer360TestApp, daysFrom, insertEvent, insertOrder, T0 } from './customer360-test-app.js';
import { computeTraits, createdByTracking, customerIdsOf, readTraits, traitsSubscription } from './index.js';

const jobCtx: JobContext = { jobId: 1, name: 'event:customer-traits', attempt: 1, maxAttempts: 10, workerId: 'test' };

describe('computed traits', () => {
  let t: Customer360TestApp;
  const newCustomer = async (name: string) => (await t.app.inject({ method: 'POST', url: '/api/customers', headers: t.adminHeaders, payload: { name } })).json().id as number;

  beforeAll(async () => {
    t = await createCustomer360TestApp();
  });
  afterAll(() => t.close());

  it('counts events per type:name over 7/30/90 days and derives order figures at a fixed now', async () => {
    const id = await newCustomer('特征客户');
    const now = T0;
    for (const days of [-1, -10, -40, -100]) await insertEvent(t.db, id, 'track', 'Order Completed', daysFrom(now, days));
    await insertEvent(t.db, id, 'page', 'Home', daysFrom(now, -5));
    await insertEvent(t.db, id, 'track', 'Boundary', daysFrom(now, -7)); // exactly 7 days back: outside 7d, inside 30d
    await insertEvent(t.db, id, 'track', 'Future', daysFrom(now, 1)); // after now: ignored
    await insertOrder(t.db, id, '100.00', daysFrom(now, -60));
    await insertOrder(t.db, id, '200.00', daysFrom(now, -30));
    await insertOrder(t.db, id, '300.50', now);
    await insertOrder(t.db, id, '999.00', daysFrom(now, -2), 'refunded');
    await insertOrder(t.db, id, '50.00', daysFrom(now, -3), 'cancelled');
    await insertOrder(t.db, id, '70.00', daysFrom(now, 2)); // after now: ignored

    expect(await computeTraits(t.db, [id], now)).toBe(1);
    const traits = await readTraits(t.db, id);
    expect(traits).toEqual({
      customerId: id,
      eventCounts: {
        'track:Order Completed': { '7d': 1, '30d': 2, '90d': 3 },
        'page:Home': { '7d': 1, '30d': 1, '90d': 1 },
        'track:Boundary': { '7d': 0, '30d': 1, '90d': 1 },
      },
      firstSeenAt: daysFrom(now, -100).toISOString(),
      lastSeenAt: daysFrom(now, -1).toISOString(),
      lastOrderAt: now.toISOString(),
      orderCount: 3,
      orderTotal: '600.50',
      averageOrderValue: '200.17',
      averagePurchaseIntervalDays: '30.00',
      computedAt: now.toISOString(),
    });

    // A later now slides the windows: recomputation is an upsert from the current state.
    const later = daysFrom(now, 35);
    await computeTraits(t.db, [id, id], later);
    const slid = await readTraits(t.db, id);
    expect(slid?.eventCounts['track:Order Completed']).toEqual({ '7d': 0, '30d': 0, '90d': 3 });
    expect(slid?.orderCount).toBe(4);
    expect(slid?.computedAt).toBe(later.toISOString());
  });

  it('counts a partly refunded paid order net of its refund', async () => {
    const id = await newCustomer('部分退款');
    const now = T0;
    await insertOrder(t.db, id, '100.00', daysFrom(now, -3));
    await t.db.query(`UPDATE orders SET refunded_amount = 40 WHERE customer_id = $1`, [id]);
    await insertOrder(t.db, id, '80.00', daysFrom(now, -1));
    await computeTraits(t.db, [id], now);
    const row = (await t.db.query<{ order_count: number; order_total: string }>('SELECT order_count, order_total FROM customer_traits WHERE customer_id = $1', [id])).rows[0];
    expect(row).toEqual({ order_count: 2, order_total: '140.00' });
  });

  it('gives a customer without activity zeros and nulls, and drops rows of customers that are gone', async () => {
    const quiet = await newCustomer('安静客户');
    await computeTraits(t.db, [quiet], T0);
    expect(await readTraits(t.db, quiet)).toMatchObject({ eventCounts: {}, firstSeenAt: null, lastOrderAt: null, orderCount: 0, orderTotal: '0.00', averageOrderValue: null, averagePurchaseIntervalDays: null });
    await t.app.inject({ method: 'DELETE', url: `/api/customers/${quiet}`, headers: t.adminHeaders });
    expect(await computeTraits(t.db, [quiet], T0)).toBe(0);
    expect(await readTraits(t.db, quiet)).toBeNull();
    expect(await computeTraits(t.db, [], T0)).toBe(0);
  });

  it('the customer-traits subscription recomputes the customers an event names', async () => {
    const a = await newCustomer('订阅客户A');
    const b = await newCustomer('订阅客户B');
    await insertEvent(t.db, a, 'track', 'Signed Up', daysFrom(T0, -1));
    await insertOrder(t.db, b, '88.00', daysFrom(T0, -1));
    const sub = traitsSubscription(t.deps);
    expect(sub.handlerName).toBe('customer-traits');
    expect(sub.topics).toEqual(['customer.*', 'event.ingested', 'order.*']);
    const event = { id: 1, topic: 'event.ingested', aggregateType: 'source', aggregateId: '9', payload: { sourceId: 9, eventIds: [1], customerIds: [a, b] }, createdAt: T0 };
    await sub.handle(event, jobCtx);
    await sub.handle(event, jobCtx); // redelivery is harmless
    expect((await readTraits(t.db, a))?.eventCounts).toEqual({ 'track:Signed Up': { '7d': 1, '30d': 1, '90d': 1 } });
    expect((await readTraits(t.db, b))?.orderTotal).toBe('88.00');
  });

  it('finds the customer ids of customer, merge, ingest and order events', () => {
    const base = { aggregateType: 'customer', aggregateId: '5', payload: { id: 5 } };
    expect(customerIdsOf({ ...base, topic: 'customer.updated' })).toEqual([5]);
    expect(customerIdsOf({ ...base, topic: 'customer.merged', payload: { masterId: 5, mergedIds: [7, 6], sourceId: 1 } })).toEqual([5, 6, 7]);
    expect(customerIdsOf({ topic: 'event.ingested', aggregateType: 'source', aggregateId: '1', payload: { customerIds: [3, 3, 2] } })).toEqual([2, 3]);
    expect(customerIdsOf({ topic: 'order.created', aggregateType: 'order', aggregateId: '77', payload: { customerId: 4 } })).toEqual([4]);
    expect(customerIdsOf({ topic: 'order.created', aggregateType: 'order', aggregateId: '77', payload: null })).toEqual([]);
    expect(customerIdsOf({ topic: 'event.ingested', aggregateType: 'source', aggregateId: '1', payload: { customerIds: ['x', -1, 0] } })).toEqual([]);
  });

  it('declines what cannot change traits: profile edits and visitors the same batch’s event.ingested names', () => {
    const sub = traitsSubscription({ db: t.db, clock: t.clock });
    const base = { aggregateType: 'customer', aggregateId: '5' };
    const tracked = { ...base, topic: 'customer.created', payload: { id: 5, sourceId: 2 } };
    expect(createdByTracking(tracked)).toBe(true);
    expect(sub.accepts?.(tracked)).toBe(false);
    expect(sub.accepts?.({ ...base, topic: 'customer.created', payload: { id: 5 } })).toBe(true);
    expect(sub.accepts?.({ ...base, topic: 'customer.updated', payload: { id: 5, fields: ['name'] } })).toBe(false);
    expect(sub.accepts?.({ ...base, topic: 'customer.merged', payload: { masterId: 5, mergedIds: [6] } })).toBe(true);
    expect(sub.accepts?.({ topic: 'event.ingested', aggregateType: 'source', aggregateId: '2', payload: { customerIds: [5] } })).toBe(true);
  });
});
