import type { TestApp } from '../../../../test/support/test-app.js';
import { ANALYSIS_RUN_JOB, analysisRunJob } from './analysis-run-job.js';
import { type AnalysisRun, findRun, insertRun } from './run-repository.js';

/**
 * Test data for the model runners, generated with SQL (no per-row round trips): `n` customers with
 * ids from `firstId`, each with 1–6 paid orders spread over the last year at deterministic but
 * varied days and amounts, in two channels, each order with 1–2 lines from a small catalogue.
 */
export async function insertCustomersWithOrders(t: TestApp, n: number, firstId = 1000): Promise<number[]> {
  const now = t.clock.now();
  await t.db.query(
    `INSERT INTO customers (id, name, level, source, industry, created_at, updated_at)
     SELECT g, '客户' || g, (ARRAY['VIP', '普通', NULL])[1 + g % 3], (ARRAY['转介绍', '官网', '广告'])[1 + g % 3], (ARRAY['零售', '制造业', '教育'])[1 + g % 3],
            $2::timestamptz - make_interval(days => (400 + g % 50)::int), $2::timestamptz
     FROM generate_series($1::bigint, $1::bigint + $3 - 1) g`,
    [firstId, now, n],
  );
  await t.db.query(
    `INSERT INTO orders (customer_id, id, order_no, amount, channel, status, ordered_at, created_at)
     SELECT c, c * 10 + k, 'o-' || c || '-' || k, 40 + (c * 37 + k * 11) % 200, CASE WHEN (c + k) % 3 = 0 THEN '天猫' ELSE '官网' END, 'paid',
            $2::timestamptz - make_interval(days => ((c * 7 + k * (1 + c % 5) * 23) % 360)::int), $2::timestamptz
     FROM generate_series($1::bigint, $1::bigint + $3 - 1) c CROSS JOIN LATERAL generate_series(1, 1 + (c % 6)::int) k`,
    [firstId, now, n],
  );
  await t.db.query(
    `INSERT INTO order_lines (customer_id, order_id, line_no, sku, product_name, category, quantity, unit_price, amount)
     SELECT o.customer_id, o.id, l, s.sku, s.sku, s.category, 1, 10, 10
     FROM orders o CROSS JOIN LATERAL generate_series(1, 1 + (o.id % 2)::int) l
     CROSS JOIN LATERAL (SELECT (ARRAY['茶叶', '茶杯', '茶壶', '咖啡', '咖啡杯'])[1 + ((o.id / 10 + l * (o.id % 10)) % 5)::int] AS sku) p
     CROSS JOIN LATERAL (SELECT p.sku, CASE WHEN p.sku LIKE '茶%' THEN '茶' ELSE '咖啡' END AS category) s
     WHERE o.customer_id BETWEEN $1 AND $1 + $2 - 1`,
    [firstId, n],
  );
  return Array.from({ length: n }, (_, i) => firstId + i);
}

/** Queues a run of `model` and runs its job as the worker would; returns the finished run row. */
export async function runModelJob(t: TestApp, model: string, params: unknown): Promise<AnalysisRun> {
  const run = await insertRun(t.db, { model, params, requestedBy: null, now: t.clock.now() });
  await analysisRunJob(t)({ runId: run.id }, { jobId: 0, name: ANALYSIS_RUN_JOB, attempt: 1, maxAttempts: 1, workerId: 'test' });
  return (await findRun(t.db, run.id))!;
}
