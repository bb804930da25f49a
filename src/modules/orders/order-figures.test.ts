import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import type { Database } from '../../platform/db/index.js';
import { computeFigures, type FigureInput } from './order-figures.js';
import { divideRounded, fenToString } from './order-money.js';
import { orderFigures } from './order-read-repository.js';

const figureOrder = fc
  .record({
    status: fc.constantFrom('paid', 'refunded', 'cancelled', 'pending'),
    amountFen: fc.bigInt({ min: 0n, max: 10n ** 9n }),
    share: fc.integer({ min: 0, max: 100 }),
    day: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ status, amountFen, share, day }): FigureInput => ({ status, amountFen, refundedFen: (amountFen * BigInt(share)) / 100n, orderedAt: new Date(Date.UTC(2024, 0, 1 + day)) }));

describe('customer figures', () => {
  it('are never negative, and the average times the count is the total within rounding', () => {
    fc.assert(
      fc.property(fc.array(figureOrder, { maxLength: 30 }), (orders) => {
        const f = computeFigures(orders);
        expect(f.paidTotalFen >= 0n && f.averageOrderValueFen >= 0n && f.orderCount >= 0).toBe(true);
        if (f.orderCount === 0) return f.averageOrderValueFen === 0n && f.firstOrderAt === null;
        const n = BigInt(f.orderCount);
        return (f.averageOrderValueFen * n - f.paidTotalFen) * 2n <= n && (f.paidTotalFen - f.averageOrderValueFen * n) * 2n <= n;
      }),
    );
  });

  it('never grow when an order is refunded further', () => {
    fc.assert(
      fc.property(fc.array(figureOrder, { minLength: 1, maxLength: 20 }), fc.nat(), fc.integer({ min: 0, max: 100 }), (orders, pick, share) => {
        const i = pick % orders.length;
        const target = orders[i]!;
        const more = target.refundedFen + ((target.amountFen - target.refundedFen) * BigInt(share)) / 100n;
        const after = orders.map((o, j) => (j === i ? { ...o, refundedFen: more } : o));
        const [a, b] = [computeFigures(orders), computeFigures(after)];
        return b.paidTotalFen <= a.paidTotalFen && b.orderCount <= a.orderCount;
      }),
    );
  });

  it('divides half up like PostgreSQL round()', () => {
    expect([divideRounded(5n, 2n), divideRounded(4n, 3n), divideRounded(5n, 3n), divideRounded(0n, 7n)]).toEqual([3n, 1n, 2n, 0n]);
  });
});

describe('orderFigures (one SQL statement) agrees with computeFigures', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('on random orders of random customers', async () => {
    let nextCustomer = 1;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(figureOrder, { maxLength: 8 }), { minLength: 1, maxLength: 4 }), async (customers) => {
        const ids = customers.map(() => nextCustomer++);
        const rows = customers.flatMap((orders, c) => orders.map((o) => ({ ...o, customerId: ids[c]! })));
        await db.query(
          `INSERT INTO orders (customer_id, order_no, amount, refunded_amount, channel, status, ordered_at, created_at)
           SELECT customer_id, 'n', amount, refunded, '官网', status, ordered_at, now()
           FROM unnest($1::bigint[], $2::numeric[], $3::numeric[], $4::text[], $5::timestamptz[]) AS t(customer_id, amount, refunded, status, ordered_at)`,
          [rows.map((r) => r.customerId), rows.map((r) => fenToString(r.amountFen)), rows.map((r) => fenToString(r.refundedFen)), rows.map((r) => r.status), rows.map((r) => r.orderedAt)],
        );
        const answer = await orderFigures(db, ids);
        customers.forEach((orders, c) => {
          const expected = computeFigures(orders);
          expect(answer.get(ids[c]!)).toEqual({
            customerId: ids[c],
            total: orders.length,
            orderCount: expected.orderCount,
            paidTotal: fenToString(expected.paidTotalFen),
            averageOrderValue: fenToString(expected.averageOrderValueFen),
            firstOrderAt: expected.firstOrderAt,
            lastOrderAt: expected.lastOrderAt,
          });
        });
      }),
      { numRuns: 40 },
    );
  });
});
