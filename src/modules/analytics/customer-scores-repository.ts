import { queryPrepared, type Sql } from '../../platform/db/index.js';
import { rfmSegmentNames } from './rfm/rfm-segments.js';

/** A customer's stored model results (customer_scores, migration 012); null columns = not computed. */
export interface CustomerScores {
  rfm: { recencyDays: number; frequency: number; monetary: string; r: number; f: number; m: number; segment: string; nameZh: string; nameEn: string; computedAt: string } | null;
  cluster: { clusterId: number; runId: number | null; computedAt: string | null } | null;
  clv: { pAlive: number | null; expectedPurchases: number | null; expectedSpend: string | null; value12m: string | null; computedAt: string | null } | null;
  churn: { risk: number | null; level: string | null; reasons: string[]; computedAt: string | null } | null;
  lead: { points: number | null; probability: number | null; grade: string | null; computedAt: string | null } | null;
}

interface ScoreRow {
  rfm_recency_days: number | null;
  rfm_frequency: number | null;
  rfm_monetary: string | null;
  rfm_r: number | null;
  rfm_f: number | null;
  rfm_m: number | null;
  rfm_segment: string | null;
  rfm_at: Date | null;
  cluster_id: number | null;
  cluster_run_id: string | null;
  cluster_at: Date | null;
  clv_p_alive: number | null;
  clv_expected_purchases: number | null;
  clv_expected_spend: string | null;
  clv_value_12m: string | null;
  clv_at: Date | null;
  churn_risk: number | null;
  churn_level: string | null;
  churn_reasons: string[];
  churn_at: Date | null;
  lead_points: number | null;
  lead_probability: number | null;
  lead_grade: string | null;
  lead_at: Date | null;
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/**
 * The scores of one customer — one primary-key lookup, for the 360 view. The caller has already
 * checked the customer is visible. Null when nothing was ever computed for them.
 */
export async function readCustomerScores(sql: Sql, customerId: number): Promise<CustomerScores | null> {
  const row = (await queryPrepared<ScoreRow>(sql, 'SELECT * FROM customer_scores WHERE customer_id = $1', [customerId])).rows[0];
  if (row === undefined) return null;
  const rfm =
    row.rfm_segment === null
      ? null
      : { recencyDays: row.rfm_recency_days!, frequency: row.rfm_frequency!, monetary: row.rfm_monetary!, r: row.rfm_r!, f: row.rfm_f!, m: row.rfm_m!, segment: row.rfm_segment, ...rfmSegmentNames(row.rfm_segment), computedAt: iso(row.rfm_at)! };
  return {
    rfm,
    cluster: row.cluster_id === null ? null : { clusterId: row.cluster_id, runId: row.cluster_run_id === null ? null : Number(row.cluster_run_id), computedAt: iso(row.cluster_at) },
    clv: row.clv_at === null ? null : { pAlive: row.clv_p_alive, expectedPurchases: row.clv_expected_purchases, expectedSpend: row.clv_expected_spend, value12m: row.clv_value_12m, computedAt: iso(row.clv_at) },
    churn: row.churn_at === null ? null : { risk: row.churn_risk, level: row.churn_level, reasons: row.churn_reasons, computedAt: iso(row.churn_at) },
    lead: row.lead_at === null ? null : { points: row.lead_points, probability: row.lead_probability, grade: row.lead_grade, computedAt: iso(row.lead_at) },
  };
}
