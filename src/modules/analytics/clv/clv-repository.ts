import type { Database, Sql } from '../../../platform/db/index.js';
import { type Columns, clearStaleScores, readColumnBatches, writeScoreColumns } from '../runs/runner-batches.js';
import type { ClvCustomerSummary } from './clv-summary.js';
import type { ClvCustomerScore } from './clv-model.js';

/**
 * Purchase days per customer (orders' figures semantics: paid or refunded orders with money left,
 * amount − refunded_amount; a calendar day in Asia/Shanghai; same-day orders are one transaction),
 * up to $1 — the SQL twin of `buildClvSummaries`, one aggregate statement ordered by customer.
 */
export const PURCHASE_DAYS_SQL = `
  SELECT customer_id, ((ordered_at AT TIME ZONE 'Asia/Shanghai')::date - DATE '1970-01-01') AS day, sum(amount - refunded_amount) AS amount
  FROM orders
  WHERE status IN ('paid', 'refunded') AND amount > refunded_amount AND ordered_at <= $1::timestamptz
  GROUP BY 1, 2`;

export const PURCHASE_HISTORY_SQL = `
  SELECT customer_id, (count(*) - 1)::int AS frequency, min(day)::int AS first_day, max(day)::int AS last_day,
         (sum(amount) - (array_agg(amount ORDER BY day))[1])::float8 AS repeat_total
  FROM (${PURCHASE_DAYS_SQL}) days
  GROUP BY customer_id`;

/** Batch columns of PURCHASE_HISTORY_SQL → the model's summaries (T and recency in weeks). */
export function summariesFromColumns(c: Columns, calibrationEndDay: number, unitDays: number): ClvCustomerSummary[] {
  const ids = c.customer_id as number[];
  const frequency = c.frequency as number[];
  const firstDay = c.first_day as number[];
  const lastDay = c.last_day as number[];
  const repeatTotal = c.repeat_total as number[];
  return ids.map((id, i) => ({
    customer: String(id),
    frequency: frequency[i]!,
    recency: (lastDay[i]! - firstDay[i]!) / unitDays,
    T: (calibrationEndDay - firstDay[i]!) / unitDays,
    monetary: frequency[i] === 0 ? 0 : repeatTotal[i]! / frequency[i]!,
  }));
}

/** Every purchasing customer's summary, streamed in batches (one statement). */
export async function readClvSummaries(db: Database, calibrationEnd: Date, calibrationEndDay: number, unitDays: number): Promise<ClvCustomerSummary[]> {
  const summaries: ClvCustomerSummary[] = [];
  await readColumnBatches(db, `${PURCHASE_HISTORY_SQL} ORDER BY customer_id`, [calibrationEnd], (columns) => {
    for (const summary of summariesFromColumns(columns, calibrationEndDay, unitDays)) summaries.push(summary);
  });
  return summaries;
}

const CLV_COLUMNS = ['clv_p_alive', 'clv_expected_purchases', 'clv_expected_spend', 'clv_value_12m'];

/** Stores every scored customer and clears the CLV of customers no longer scored. */
export async function storeClvScores(sql: Sql, scores: readonly ClvCustomerScore[], computedAt: Date): Promise<{ stored: number; cleared: number }> {
  const money = (v: number) => v.toFixed(2);
  await writeScoreColumns(
    sql,
    'clv',
    scores.map((s) => Number(s.customer)),
    [
      { name: 'clv_p_alive', type: 'float8', values: scores.map((s) => s.pAlive) },
      { name: 'clv_expected_purchases', type: 'float8', values: scores.map((s) => s.expectedPurchases) },
      { name: 'clv_expected_spend', type: 'numeric', values: scores.map((s) => money(s.expectedSpend)) },
      { name: 'clv_value_12m', type: 'numeric', values: scores.map((s) => money(s.clv)) },
    ],
    computedAt,
  );
  const cleared = await clearStaleScores(sql, 'clv', CLV_COLUMNS, computedAt);
  return { stored: scores.length, cleared };
}
