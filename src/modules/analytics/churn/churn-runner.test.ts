import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { insertCustomersWithOrders, runModelJob } from '../runs/runner-test-data.js';

describe('churn runner (real database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-06-01T04:00:00Z') });
  });
  afterAll(async () => {
    await t.close();
  });

  /** A customer with paid orders `daysAgo` and traits: event counts of one event and the last visit. */
  async function customer(id: number, orderDaysAgo: number[], counts: { d30: number; d90: number }, lastSeenDaysAgo: number) {
    const now = t.clock.now();
    await t.db.query(`INSERT INTO customers (id, name, created_at, updated_at) VALUES ($1::bigint, 'c' || $1::text, $2, $2)`, [id, now]);
    await t.db.query(
      `INSERT INTO orders (customer_id, order_no, amount, channel, status, ordered_at, created_at)
       SELECT $1, 'o' || d, 100, '官网', 'paid', $2::timestamptz - make_interval(days => d), $2 FROM unnest($3::int[]) d`,
      [id, now, orderDaysAgo],
    );
    await t.db.query(
      `INSERT INTO customer_traits (customer_id, event_counts, last_seen_at, computed_at) VALUES ($1, $2, $3::timestamptz - make_interval(days => $4), $3)`,
      [id, JSON.stringify({ 'page:首页': { '7d': 0, '30d': counts.d30, '90d': counts.d90 } }), now, lastSeenDaysAgo],
    );
  }

  it('fails with analysis.too_little_data when no customer has orders or behaviour', async () => {
    const run = await runModelJob(t, 'churn', {});
    expect(run).toMatchObject({ status: 'failed', errorCode: 'analysis.too_little_data' });
  });

  it('stores risk, level and reasons from the behaviour signals (no P(alive))', async () => {
    // Orders every 10 days until 80 days ago, visits dropped from 10 a month to 1, last seen 40 days ago.
    await customer(2000, [100, 90, 80], { d30: 1, d90: 21 }, 40);
    // Bought 10 days ago on a 10-day rhythm, visits up, seen yesterday: nothing fires.
    await customer(2001, [20, 10], { d30: 10, d90: 20 }, 1);
    const run = await runModelJob(t, 'churn', { pAlive: 'none' });
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    expect(run.summary).toMatchObject({ customers: 2, stored: 2, byLevel: { low: 1, medium: 1, high: 0 }, byReason: { frequency_drop: 1, interval_stretch: 1, inactive_after_purchase: 1 } });
    const rows = (await t.db.query(`SELECT customer_id, churn_risk, churn_level, churn_reasons FROM customer_scores ORDER BY customer_id`)).rows;
    expect(rows[0]).toMatchObject({ customer_id: 2000, churn_level: 'medium', churn_reasons: ['frequency_drop', 'interval_stretch', 'inactive_after_purchase'] });
    expect(rows[0]!.churn_risk).toBeCloseTo(1 - 0.75 * 0.7 * 0.85, 10);
    expect(rows[1]).toMatchObject({ customer_id: 2001, churn_risk: 0, churn_level: 'low', churn_reasons: [] });
  });

  it('combines P(alive) of a BG/NBD fit with the signals when there is enough data', async () => {
    await insertCustomersWithOrders(t, 40, 3000);
    t.clock.advance(60_000);
    const run = await runModelJob(t, 'churn', {});
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    const summary = run.summary as { customers: number; bgnbd: Record<string, number> | null; byLevel: Record<string, number> };
    expect(summary.customers).toBe(42);
    expect(summary.bgnbd).not.toBeNull();
    expect(Object.values(summary.byLevel).reduce((a, b) => a + b, 0)).toBe(42);
    const stored = (await t.db.query(`SELECT count(*)::int AS n FROM customer_scores WHERE churn_at = $1`, [t.clock.now()])).rows[0]!.n;
    expect(stored).toBe(42);
    // P(alive) < 1 for repeat buyers raises the risk above the signals-only value.
    const risk = (await t.db.query(`SELECT churn_risk FROM customer_scores WHERE customer_id = 2000`)).rows[0]!.churn_risk;
    expect(risk).toBeGreaterThan(1 - 0.75 * 0.7 * 0.85);
  });

  it('refuses an unknown P(alive) source', async () => {
    const { churnRunner } = await import('./churn-runner.js');
    expect(() => churnRunner.parseParams({ pAlive: 'guess' })).toThrow(expect.objectContaining({ field: 'params.pAlive' }));
  });
});
