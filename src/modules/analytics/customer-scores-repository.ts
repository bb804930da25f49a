import { isoText, type JsonRead, readJson, type Sql } from '../../platform/db/index.js';
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
  rfm_at: string | null;
  cluster_id: number | null;
  cluster_run_id: number | null;
  cluster_at: string | null;
  clv_p_alive: number | null;
  clv_expected_purchases: number | null;
  clv_expected_spend: string | null;
  clv_value_12m: string | null;
  clv_at: string | null;
  churn_risk: number | null;
  churn_level: string | null;
  churn_reasons: string[];
  churn_at: string | null;
  lead_points: number | null;
  lead_probability: number | null;
  lead_grade: string | null;
  lead_at: string | null;
}

/**
 * The scores of one customer — one primary-key lookup, as a JSON read (the 360 view runs it in one
 * statement with the customer's other reads): numeric columns as text and times as ISO text, as the
 * API shows them. The caller has already checked the customer is visible. Null when nothing was
 * ever computed for them.
 */
export const customerScoresRead: JsonRead<CustomerScores | null> = {
  sql: (key) =>
    `(SELECT to_json(x) FROM (SELECT rfm_recency_days, rfm_frequency, rfm_monetary::text AS rfm_monetary, rfm_r, rfm_f, rfm_m, rfm_segment, ${isoText('rfm_at')} AS rfm_at,
            cluster_id, cluster_run_id, ${isoText('cluster_at')} AS cluster_at,
            clv_p_alive, clv_expected_purchases, clv_expected_spend::text AS clv_expected_spend, clv_value_12m::text AS clv_value_12m, ${isoText('clv_at')} AS clv_at,
            churn_risk, churn_level, churn_reasons, ${isoText('churn_at')} AS churn_at,
            lead_points, lead_probability, lead_grade, ${isoText('lead_at')} AS lead_at
       FROM customer_scores WHERE customer_id = ${key}) x)`,
  parse: (value) => (value === null ? null : scoresOf(value as ScoreRow)),
};

export function readCustomerScores(sql: Sql, customerId: number): Promise<CustomerScores | null> {
  return readJson(sql, customerScoresRead, customerId);
}

function scoresOf(row: ScoreRow): CustomerScores {
  const rfm =
    row.rfm_segment === null
      ? null
      : { recencyDays: row.rfm_recency_days!, frequency: row.rfm_frequency!, monetary: row.rfm_monetary!, r: row.rfm_r!, f: row.rfm_f!, m: row.rfm_m!, segment: row.rfm_segment, ...rfmSegmentNames(row.rfm_segment), computedAt: row.rfm_at! };
  return {
    rfm,
    cluster: row.cluster_id === null ? null : { clusterId: row.cluster_id, runId: row.cluster_run_id, computedAt: row.cluster_at },
    clv: row.clv_at === null ? null : { pAlive: row.clv_p_alive, expectedPurchases: row.clv_expected_purchases, expectedSpend: row.clv_expected_spend, value12m: row.clv_value_12m, computedAt: row.clv_at },
    churn: row.churn_at === null ? null : { risk: row.churn_risk, level: row.churn_level, reasons: row.churn_reasons, computedAt: row.churn_at },
    lead: row.lead_at === null ? null : { points: row.lead_points, probability: row.lead_probability, grade: row.lead_grade, computedAt: row.lead_at },
  };
}
