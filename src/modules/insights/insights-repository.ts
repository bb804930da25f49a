import type { Sql } from '../../platform/db/index.js';
import type { RecordQueryCompiler } from '../../platform/records/index.js';
import type { CohortCountRow } from './cohort-table.js';
import type { PortraitCountRow, PortraitDimension } from './portrait.js';

/** Every query reads customers as `t`, filtered by the caller's scope (`scopeWhere` from the record layer). */

const DIMENSION_KEYS: Record<PortraitDimension, string> = {
  province: `left(t.region_code, 2) || '0000'`,
  industry: 't.industry',
  source: 't.source',
  level: 't.level',
};

/**
 * Customers per province, industry, source and level (only the given dimensions) and the total, in
 * ONE scan: GROUPING SETS, one hash aggregate per set. Province = the first two digits of the region
 * code (a city's code lies in its province), named from `regions`.
 */
export async function portraitCounts(sql: Sql, compiler: RecordQueryCompiler, scopeWhere: string, dimensions: readonly PortraitDimension[]): Promise<PortraitCountRow[]> {
  const sets = dimensions.map((d) => `(${DIMENSION_KEYS[d]})`);
  const which = dimensions.map((d) => `WHEN GROUPING(${DIMENSION_KEYS[d]}) = 0 THEN '${d}'`).join(' ');
  const value = dimensions.length === 0 ? 'NULL::text' : `COALESCE(${dimensions.map((d) => DIMENSION_KEYS[d]).join(', ')})`;
  const result = await sql.query<PortraitCountRow>(
    `SELECT g.dimension, g.value, r.name AS "regionName", g.customers
     FROM (SELECT CASE ${which} ELSE 'total' END AS dimension, ${value} AS value, count(*)::int AS customers
           FROM customers t WHERE ${scopeWhere}
           GROUP BY GROUPING SETS (${[...sets, '()'].join(', ')})) g
     LEFT JOIN regions r ON g.dimension = 'province' AND r.code = g.value`,
    compiler.parameters,
  );
  return result.rows;
}

/**
 * Cohort counts in ONE statement: a customer's cohort is the month (Asia/Shanghai) of their first
 * purchase (paid or refunded with money left, as orders' figures define it) when that lies in
 * [from, …); for each cohort and each later month, the customers buying in it. Only orders from `from`
 * on are grouped (orders_ordered_idx); a customer with a purchase before `from` belongs to an older
 * cohort and is left out by an anti-join on orders_customer_ordered_idx.
 */
export async function cohortCounts(sql: Sql, compiler: RecordQueryCompiler, scopeWhere: string, from: string): Promise<CohortCountRow[]> {
  const start = compiler.param(from);
  const purchase = `o.status IN ('paid', 'refunded') AND o.amount > o.refunded_amount`;
  const result = await sql.query<CohortCountRow>(
    `WITH months AS (
       SELECT o.customer_id, date_trunc('month', o.ordered_at AT TIME ZONE 'Asia/Shanghai') AS month
       FROM orders o JOIN customers t ON t.id = o.customer_id
       WHERE ${purchase} AND o.ordered_at >= (${start}::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND ${scopeWhere}
       GROUP BY 1, 2
     ), firsts AS (
       SELECT m.customer_id, min(m.month) AS cohort FROM months m
       WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = m.customer_id AND ${purchase}
                         AND o.ordered_at < (${start}::date::timestamp AT TIME ZONE 'Asia/Shanghai'))
       GROUP BY 1
     )
     SELECT to_char(f.cohort, 'YYYY-MM') AS cohort,
            ((extract(year FROM m.month) - extract(year FROM f.cohort)) * 12 + extract(month FROM m.month) - extract(month FROM f.cohort))::int AS "offset",
            count(*)::int AS customers
     FROM firsts f JOIN months m ON m.customer_id = f.customer_id
     GROUP BY 1, 2`,
    compiler.parameters,
  );
  return result.rows;
}

export interface ValueBucketRow {
  bucket: number;
  width: string;
  customers: number;
}

/**
 * The 12-month CLV histogram in ONE statement: `buckets` equal-width bars from 0 to the 99th
 * percentile (so a few whales do not squeeze everyone into the first bar), the width rounded up to
 * 1/2/2.5/5 × 10ⁿ, and an open-ended last bar (index `buckets`) for the rest.
 */
export async function clvBuckets(sql: Sql, compiler: RecordQueryCompiler, scopeWhere: string, buckets: number): Promise<ValueBucketRow[]> {
  const n = compiler.param(buckets);
  const result = await sql.query<ValueBucketRow>(
    `WITH v AS (
       SELECT greatest(s.clv_value_12m, 0)::float8 AS x FROM customer_scores s JOIN customers t ON t.id = s.customer_id
       WHERE s.clv_value_12m IS NOT NULL AND ${scopeWhere}
     ), raw AS (
       SELECT percentile_disc(0.99) WITHIN GROUP (ORDER BY x) / ${n}::int AS w FROM v
     ), nice AS (
       SELECT CASE WHEN w IS NULL OR w <= 0 THEN 1::float8 ELSE
                (SELECT min(m * p) FROM (VALUES (1.0), (2.0), (2.5), (5.0), (10.0)) AS f(m), LATERAL (SELECT power(10, floor(log(w))) AS p) pw WHERE m * p >= w * (1 - 1e-12))
              END AS width FROM raw
     )
     SELECT least(${n}::int, floor(v.x / nice.width)::int) AS bucket, nice.width::text AS width, count(*)::int AS customers
     FROM v CROSS JOIN nice GROUP BY 1, 2 ORDER BY 1`,
    compiler.parameters,
  );
  return result.rows;
}

export interface ChurnCountRow {
  level: string | null;
  /** 0–9: risk in [b/10, (b+1)/10); null on level rows. */
  bucket: number | null;
  customers: number;
}

/** Scored customers per churn level and per tenth of churn risk, in ONE scan (GROUPING SETS). */
export async function churnCounts(sql: Sql, compiler: RecordQueryCompiler, scopeWhere: string): Promise<ChurnCountRow[]> {
  const result = await sql.query<ChurnCountRow & { by_level: number }>(
    `SELECT s.churn_level AS level, least(9, floor(s.churn_risk * 10))::int AS bucket, GROUPING(s.churn_level) AS by_level, count(*)::int AS customers
     FROM customer_scores s JOIN customers t ON t.id = s.customer_id
     WHERE s.churn_risk IS NOT NULL AND ${scopeWhere}
     GROUP BY GROUPING SETS ((s.churn_level), (least(9, floor(s.churn_risk * 10))::int))`,
    compiler.parameters,
  );
  return result.rows.map((r) => (r.by_level === 0 ? { level: r.level, bucket: null, customers: r.customers } : { level: null, bucket: r.bucket, customers: r.customers }));
}

export interface ClusterRunRow {
  id: number;
  finishedAt: Date;
  summary: unknown;
}

/** The newest succeeded clustering run, or null. */
export async function latestClusterRun(sql: Sql): Promise<ClusterRunRow | null> {
  const result = await sql.query<ClusterRunRow>(
    `SELECT id::int, finished_at AS "finishedAt", summary FROM analysis_runs
     WHERE model = 'clusters' AND status = 'succeeded' ORDER BY created_at DESC, id DESC LIMIT 1`,
  );
  return result.rows[0] ?? null;
}

/** Members per cluster of a run within the caller's scope. */
export async function clusterSizesInScope(sql: Sql, compiler: RecordQueryCompiler, scopeWhere: string, runId: number): Promise<Map<number, number>> {
  const run = compiler.param(runId);
  const result = await sql.query<{ cluster: number; customers: number }>(
    `SELECT s.cluster_id::int AS cluster, count(*)::int AS customers FROM customer_scores s JOIN customers t ON t.id = s.customer_id
     WHERE s.cluster_id IS NOT NULL AND s.cluster_run_id = ${run}::bigint AND ${scopeWhere} GROUP BY 1`,
    compiler.parameters,
  );
  return new Map(result.rows.map((r) => [r.cluster, r.customers]));
}
