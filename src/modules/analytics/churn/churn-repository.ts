import type { Database, Sql } from '../../../platform/db/index.js';
import { PURCHASE_HISTORY_SQL } from '../clv/clv-repository.js';
import { clearStaleScores, readColumnBatches, writeScoreColumns } from '../runs/runner-batches.js';
import type { ChurnRisk } from './churn-risk.js';

/**
 * One customer's churn inputs, read in one statement: purchase history from orders (the CLV
 * summary's figures), behaviour from customer_traits, and the stored CLV P(alive).
 */
export interface ChurnInputRow {
  customerId: number;
  /** Repeat purchase days (null without purchases). */
  frequency: number | null;
  firstDay: number | null;
  lastDay: number | null;
  /** Interactions of every kind in the last 30 days / per 30 days over the 60 days before (traits windows). */
  interactionsCurrent: number;
  interactionsPrevious: number;
  daysSinceLastActivity: number | null;
  storedPAlive: number | null;
}

// event_counts = {"type:name": {"7d", "30d", "90d"}}: the previous 30-day window is taken as the
// 30-day average of the 60 days before the current window ((90d − 30d) / 2), the finest the traits keep.
const CHURN_INPUTS_SQL = `
  WITH purchases AS (${PURCHASE_HISTORY_SQL}),
  behaviour AS (
    SELECT t.customer_id, t.last_seen_at,
           coalesce((SELECT sum((v ->> '30d')::float8) FROM jsonb_each(t.event_counts) e (k, v)), 0) AS current_30,
           coalesce((SELECT sum((v ->> '90d')::float8 - (v ->> '30d')::float8) FROM jsonb_each(t.event_counts) e (k, v)), 0) / 2 AS previous_30
    FROM customer_traits t
    WHERE t.last_seen_at IS NOT NULL
  )
  SELECT coalesce(p.customer_id, b.customer_id) AS customer_id, p.frequency, p.first_day, p.last_day,
         coalesce(b.current_30, 0) AS current_30, coalesce(b.previous_30, 0) AS previous_30,
         greatest(0, floor(extract(epoch FROM $1::timestamptz - b.last_seen_at) / 86400))::int AS days_since_activity,
         s.clv_p_alive AS stored_p_alive
  FROM purchases p
  FULL JOIN behaviour b ON b.customer_id = p.customer_id
  LEFT JOIN customer_scores s ON s.customer_id = coalesce(p.customer_id, b.customer_id)
  ORDER BY 1`;

export async function readChurnInputs(db: Database, asOf: Date): Promise<ChurnInputRow[]> {
  const rows: ChurnInputRow[] = [];
  await readColumnBatches(db, CHURN_INPUTS_SQL, [asOf], (c, n) => {
    for (let i = 0; i < n; i++) {
      rows.push({
        customerId: c.customer_id![i] as number,
        frequency: c.frequency![i] as number | null,
        firstDay: c.first_day![i] as number | null,
        lastDay: c.last_day![i] as number | null,
        interactionsCurrent: c.current_30![i] as number,
        interactionsPrevious: c.previous_30![i] as number,
        daysSinceLastActivity: c.days_since_activity![i] as number | null,
        storedPAlive: c.stored_p_alive![i] as number | null,
      });
    }
  });
  return rows;
}

export async function storeChurnRisks(sql: Sql, customerIds: readonly number[], risks: readonly ChurnRisk[], computedAt: Date): Promise<{ stored: number; cleared: number }> {
  await writeScoreColumns(
    sql,
    'churn',
    customerIds,
    [
      { name: 'churn_risk', type: 'float8', values: risks.map((r) => r.risk) },
      { name: 'churn_level', type: 'text', values: risks.map((r) => r.level) },
      // A text[] per customer cannot go through unnest of a 2-D array (ragged): joined, split back in SQL.
      { name: 'churn_reasons', type: 'text', values: risks.map((r) => r.reasons.join(',')), expression: "string_to_array($value, ',')" },
    ],
    computedAt,
  );
  const cleared = await clearStaleScores(sql, 'churn', ['churn_risk', 'churn_level', 'churn_reasons'], computedAt);
  return { stored: customerIds.length, cleared };
}
