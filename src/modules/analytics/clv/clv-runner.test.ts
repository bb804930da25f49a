import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { insertCustomersWithOrders, runModelJob } from '../runs/runner-test-data.js';
import { buildClvSummaries } from './clv-summary.js';
import { readClvSummaries } from './clv-repository.js';

describe('clv runner (real database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-06-01T04:00:00Z') });
  });
  afterAll(async () => {
    await t.close();
  });

  it('fails with analysis.too_little_data, stored in the run row, when fewer than 10 customers bought', async () => {
    await insertCustomersWithOrders(t, 5, 500);
    const run = await runModelJob(t, 'clv', {});
    expect(run).toMatchObject({ status: 'failed', errorCode: 'analysis.too_little_data' });
    expect(run.errorMessage).toMatch(/5 customers/);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM customer_scores WHERE clv_at IS NOT NULL`)).rows[0]!.n).toBe(0);
  });

  it('reads the same summaries as the pure buildClvSummaries from the orders', async () => {
    await insertCustomersWithOrders(t, 60, 1000);
    const end = t.clock.now();
    const endDay = Math.floor((end.getTime() + 8 * 3_600_000) / 86_400_000);
    const fromSql = await readClvSummaries(t.db, end, endDay, 7);
    const rows = (await t.db.query<{ c: string; at: Date; amount: string }>(`SELECT customer_id::text AS c, ordered_at AS at, amount FROM orders`)).rows;
    const transactions = rows.map((r) => ({ customer: r.c, day: Math.floor((r.at.getTime() + 8 * 3_600_000) / 86_400_000), amount: Number(r.amount) }));
    const pure = buildClvSummaries(transactions, endDay, 'week').sort((a, b) => Number(a.customer) - Number(b.customer));
    expect(fromSql).toHaveLength(65);
    fromSql.forEach((s, i) => {
      expect(s).toMatchObject({ customer: pure[i]!.customer, frequency: pure[i]!.frequency, recency: pure[i]!.recency, T: pure[i]!.T });
      expect(s.monetary).toBeCloseTo(pure[i]!.monetary, 8);
    });
  });

  it('fits, stores every buyer’s CLV in customer_scores and summarises the fit with a histogram', async () => {
    const started = performance.now();
    const run = await runModelJob(t, 'clv', { horizonWeeks: 26 });
    const ms = performance.now() - started;
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    const summary = run.summary as { bgnbd: Record<string, number>; value12mBuckets: { customers: number }[]; totalValue12m: number };
    expect(summary).toMatchObject({ customers: 65, stored: 65, cleared: 0, horizonWeeks: 26 });
    for (const key of ['r', 'alpha', 'a', 'b']) expect(summary.bgnbd[key]).toBeGreaterThan(0);
    expect(summary.value12mBuckets.reduce((n, b) => n + b.customers, 0)).toBe(65);
    const rows = (await t.db.query(`SELECT clv_p_alive AS p, clv_expected_purchases AS e, clv_expected_spend::float8 AS s, clv_value_12m::float8 AS v FROM customer_scores WHERE clv_at IS NOT NULL`)).rows;
    expect(rows).toHaveLength(65);
    for (const row of rows) {
      expect(row.p).toBeGreaterThanOrEqual(0);
      expect(row.p).toBeLessThanOrEqual(1);
      expect(row.e).toBeGreaterThanOrEqual(0);
      expect(row.s).toBeGreaterThan(0);
    }
    expect(Math.abs(rows.reduce((n, r) => n + r.v, 0) - summary.totalValue12m)).toBeLessThan(0.01 * rows.length);
    console.info(`clv run on 65 customers: ${ms.toFixed(0)} ms`);
  });

  it('clears the CLV of a customer whose purchases are gone on the next run', async () => {
    await t.db.query(`UPDATE orders SET status = 'cancelled' WHERE customer_id = 1000`);
    t.clock.advance(60_000);
    const run = await runModelJob(t, 'clv', {});
    expect(run.summary).toMatchObject({ stored: 64, cleared: 1 });
    const gone = await t.db.query(`SELECT clv_at, clv_p_alive FROM customer_scores WHERE customer_id = 1000`);
    expect(gone.rows[0]).toEqual({ clv_at: null, clv_p_alive: null });
  });

  it('refuses bad params with the field at fault', async () => {
    const { clvRunner } = await import('./clv-runner.js');
    expect(() => clvRunner.parseParams({ horizonWeeks: 0 })).toThrow(expect.objectContaining({ code: 'field.invalid_value', field: 'params.horizonWeeks' }));
    expect(() => clvRunner.parseParams({ calibrationEnd: 'soon' })).toThrow(expect.objectContaining({ field: 'params.calibrationEnd' }));
  });
});
