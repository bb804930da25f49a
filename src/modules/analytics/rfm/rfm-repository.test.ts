import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support/test-database.js';
import type { Database } from '../../../platform/db/index.js';
import { computeRfm } from './rfm-repository.js';
import { DAY_MS, rfmFigures } from './rfm-figures.js';
import { type QuantileMethod, scoreRfm } from './rfm-scoring.js';

interface OrderSpec {
  customerId: number;
  cents: number;
  refundedCents: number;
  status: 'paid' | 'refunded' | 'cancelled' | 'pending';
  at: number;
}

const AS_OF = Date.UTC(2026, 5, 30, 15, 30);

// Small ranges on purpose: many ties in days, counts and sums.
const orderArb = fc
  .record({
    customerId: fc.integer({ min: 1, max: 40 }),
    cents: fc.integer({ min: 1, max: 30 }).map((n) => n * 1_000 + (n % 3)),
    refundShare: fc.constantFrom(0, 0, 0, 0.5, 1),
    status: fc.constantFrom('paid' as const, 'paid' as const, 'paid' as const, 'refunded' as const, 'cancelled' as const, 'pending' as const),
    at: fc.integer({ min: -200 * 24, max: 24 }).map((h) => AS_OF + h * 3_600_000 + 1_234),
  })
  .map(({ refundShare, ...o }): OrderSpec => ({ ...o, refundedCents: o.status === 'refunded' && refundShare === 0 ? o.cents : Math.floor(o.cents * refundShare) }));

async function loadOrders(db: Database, orders: readonly OrderSpec[]): Promise<void> {
  await db.query('TRUNCATE orders, customer_scores');
  await db.query(
    `INSERT INTO orders (customer_id, order_no, amount, refunded_amount, channel, status, ordered_at, created_at)
     SELECT c, 'o' || i, a / 100.0, r / 100.0, 'test', s, t, t
     FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::timestamptz[]) WITH ORDINALITY AS u(c, a, r, s, t, i)`,
    [orders.map((o) => o.customerId), orders.map((o) => o.cents), orders.map((o) => o.refundedCents), orders.map((o) => o.status), orders.map((o) => new Date(o.at))],
  );
}

function expected(orders: readonly OrderSpec[], windowDays: number | null, method: QuantileMethod) {
  const purchases = orders
    .filter((o) => (o.status === 'paid' || o.status === 'refunded') && o.cents > o.refundedCents)
    .map((o) => ({ customerId: o.customerId, at: o.at, amount: (o.cents - o.refundedCents) / 100 }));
  return scoreRfm(rfmFigures(purchases, AS_OF, windowDays ?? undefined), method)
    .map((c) => ({ customerId: Number(c.customerId), recencyDays: c.recencyDays, frequency: c.frequency, monetary: c.monetary, r: c.r, f: c.f, m: c.m, segment: c.segment }))
    .sort((a, b) => a.customerId - b.customerId);
}

async function stored(db: Database) {
  const rows = await db.query(
    `SELECT customer_id::int AS "customerId", rfm_recency_days AS "recencyDays", rfm_frequency AS frequency, rfm_monetary::float8 AS monetary,
            rfm_r AS r, rfm_f AS f, rfm_m AS m, rfm_segment AS segment
     FROM customer_scores WHERE rfm_segment IS NOT NULL ORDER BY customer_id`,
  );
  return rows.rows;
}

describe('RFM in one SQL statement = the pure core (real PostgreSQL, random orders)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('stores the same figures, scores and segments for both methods, with and without a window', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(orderArb, { minLength: 1, maxLength: 150 }), fc.constantFrom(null, 30, 90), fc.constantFrom('type7' as const, 'ntile' as const), async (orders, windowDays, method) => {
        await loadOrders(db, orders);
        // Half the time some rows exist already (scored by the other method over all history): the update path.
        if (orders.length % 2 === 0) await computeRfm(db, { asOf: new Date(AS_OF), windowDays: null, method: method === 'type7' ? 'ntile' : 'type7', now: new Date(AS_OF) });
        const result = await computeRfm(db, { asOf: new Date(AS_OF), windowDays, method, now: new Date(AS_OF) });
        const want = expected(orders, windowDays, method);
        expect(result.scored).toBe(want.length);
        expect(await stored(db)).toEqual(want);
      }),
      { numRuns: 25, seed: 4242 },
    );
  });

  it('clears the RFM of customers without purchases in the window on the next run', async () => {
    const orders: OrderSpec[] = [1, 2, 3, 4, 5, 6].map((id) => ({ customerId: id, cents: id * 100, refundedCents: 0, status: 'paid', at: AS_OF - id * 20 * DAY_MS }));
    await loadOrders(db, orders);
    await computeRfm(db, { asOf: new Date(AS_OF), windowDays: null, method: 'type7', now: new Date(AS_OF) });
    const second = await computeRfm(db, { asOf: new Date(AS_OF), windowDays: 70, method: 'type7', now: new Date(AS_OF + 1) });
    expect(second).toMatchObject({ scored: 3, cleared: 3 });
    expect((await stored(db)).map((r) => r.customerId)).toEqual([1, 2, 3]);
    expect(second.breaks?.frequency).toEqual([2, 2, 2, 2]);
  });
});
