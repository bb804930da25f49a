import type { Sql } from '../../../platform/db/index.js';
import type { RecordQueryCompiler } from '../../../platform/records/index.js';
import type { QuantileMethod } from './rfm-scoring.js';
import { RFM_SEGMENTS, type RfmSegmentKey } from './rfm-segments.js';

export interface RfmComputeParams {
  /** End of the window: recency is measured to it, later orders are ignored. */
  asOf: Date;
  /** Only orders in (asOf − windowDays, asOf]; null = all history. */
  windowDays: number | null;
  method: QuantileMethod;
  /** Stored as rfm_at. */
  now: Date;
}

export interface RfmComputeResult {
  scored: number;
  cleared: number;
  /** type7 only: the R rfm breaks (quintile + 1) for recency days, frequency and monetary. */
  breaks: { recency: number[]; frequency: number[]; monetary: number[] } | null;
}

/** `CASE` mapping integer expressions r and fm to the segment key (the table of rfm-segments.ts). */
function segmentCase(r: string, fm: string): string {
  return `CASE ${RFM_SEGMENTS.map((s) => `WHEN ${r} * 10 + ${fm} IN (${s.cells.join(', ')}) THEN '${s.key}'`).join(' ')} END`;
}

/** Purchases as in orders' figures: paid or refunded orders with money left after refunds. */
const FIGURES = `
  purchases AS (
    SELECT customer_id, max(ordered_at) AS last_at, count(*)::int AS frequency, sum(amount - refunded_amount) AS monetary
    FROM orders
    WHERE status IN ('paid', 'refunded') AND amount > refunded_amount AND ordered_at <= $1::timestamptz
      AND ($2::int IS NULL OR ordered_at > $1::timestamptz - make_interval(days => $2::int))
    GROUP BY customer_id
  ),
  figures AS (
    SELECT customer_id, floor(extract(epoch FROM $1::timestamptz - last_at) / 86400)::int AS recency_days, frequency, monetary
    FROM purchases
  )`;

const SCORED_TYPE7 = `
  breaks AS (
    SELECT percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY recency_days::float8) AS r,
           percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY frequency::float8) AS f,
           percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY monetary::float8) AS m
    FROM figures
  ),
  scored AS (
    SELECT x.*, 5 - ((x.recency_days >= b.r[1] + 1)::int + (x.recency_days >= b.r[2] + 1)::int + (x.recency_days >= b.r[3] + 1)::int + (x.recency_days >= b.r[4] + 1)::int) AS r,
           1 + (x.frequency >= b.f[1] + 1)::int + (x.frequency >= b.f[2] + 1)::int + (x.frequency >= b.f[3] + 1)::int + (x.frequency >= b.f[4] + 1)::int AS f,
           1 + (x.monetary::float8 >= b.m[1] + 1)::int + (x.monetary::float8 >= b.m[2] + 1)::int + (x.monetary::float8 >= b.m[3] + 1)::int + (x.monetary::float8 >= b.m[4] + 1)::int AS m
    FROM figures x CROSS JOIN breaks b
  )`;

const SCORED_NTILE = `
  scored AS (
    SELECT x.*, ntile(5) OVER (ORDER BY recency_days DESC, customer_id) AS r,
           ntile(5) OVER (ORDER BY frequency, customer_id) AS f,
           ntile(5) OVER (ORDER BY monetary, customer_id) AS m
    FROM figures x
  )`;

/**
 * Memory for the statement's per-customer aggregate and hash joins: with the 4 MB default, 1M
 * customers' figures spill ~300 MB to temporary files and take twice as long. Set for the calling
 * transaction only (`SET LOCAL`).
 */
export const RFM_WORK_MEM = '256MB';

/**
 * RFM of every customer from `orders`, stored into `customer_scores` — ONE statement: figures, scores
 * (the same breaks as the pure core), segment, upsert; customers scored before but without a purchase
 * in the window now have their rfm_* columns cleared. The pure twin is rfmFigures + scoreRfm.
 * Call it inside a transaction: it raises `work_mem` for that transaction (RFM_WORK_MEM).
 */
export async function computeRfm(sql: Sql, params: RfmComputeParams): Promise<RfmComputeResult> {
  await sql.query(`SET LOCAL work_mem = '${RFM_WORK_MEM}'`);
  const text = `WITH ${FIGURES}, ${params.method === 'type7' ? SCORED_TYPE7 : SCORED_NTILE},
  -- Existing rows are updated with one hash join and only the customers the update did not reach are
  -- inserted: cheaper than INSERT … ON CONFLICT DO UPDATE, which locks and updates row by row, and
  -- than offering every row to the insert (each conflict is a unique-index probe: ~3 s per 1M). The
  -- anti-join is against the update's own output, not the table, whose statistics may say it is
  -- empty (a nested loop that turns quadratic). ON CONFLICT stays for a concurrent first run.
  updated AS (
    UPDATE customer_scores s SET rfm_recency_days = x.recency_days, rfm_frequency = x.frequency, rfm_monetary = x.monetary,
      rfm_r = x.r, rfm_f = x.f, rfm_m = x.m, rfm_segment = ${segmentCase('x.r', '((x.f + x.m + 1) / 2)')}, rfm_at = $3::timestamptz
    FROM scored x WHERE s.customer_id = x.customer_id
    RETURNING s.customer_id
  ),
  inserted AS (
    INSERT INTO customer_scores (customer_id, rfm_recency_days, rfm_frequency, rfm_monetary, rfm_r, rfm_f, rfm_m, rfm_segment, rfm_at)
    SELECT x.customer_id, recency_days, frequency, monetary, r, f, m, ${segmentCase('r', '((f + m + 1) / 2)')}, $3::timestamptz
    FROM scored x LEFT JOIN updated u ON u.customer_id = x.customer_id WHERE u.customer_id IS NULL
    ON CONFLICT (customer_id) DO NOTHING
    RETURNING 1
  ),
  cleared AS (
    UPDATE customer_scores s SET rfm_recency_days = NULL, rfm_frequency = NULL, rfm_monetary = NULL, rfm_r = NULL, rfm_f = NULL, rfm_m = NULL, rfm_segment = NULL, rfm_at = $3::timestamptz
    WHERE s.rfm_segment IS NOT NULL AND NOT EXISTS (SELECT 1 FROM figures x WHERE x.customer_id = s.customer_id)
    RETURNING 1
  )
  SELECT ((SELECT count(*) FROM updated) + (SELECT count(*) FROM inserted))::int AS scored, (SELECT count(*) FROM cleared)::int AS cleared,
         ${params.method === 'type7' ? '(SELECT json_build_object(\'recency\', r, \'frequency\', f, \'monetary\', m) FROM breaks)' : 'NULL::json'} AS breaks`;
  const result = await sql.query<{ scored: number; cleared: number; breaks: { recency: number[]; frequency: number[]; monetary: number[] } | null }>(text, [params.asOf, params.windowDays, params.now]);
  const row = result.rows[0]!;
  const plusOne = (xs: number[] | null) => (xs ?? []).map((x) => x + 1);
  const breaks = row.breaks && row.breaks.recency !== null ? { recency: plusOne(row.breaks.recency), frequency: plusOne(row.breaks.frequency), monetary: plusOne(row.breaks.monetary) } : null;
  return { scored: row.scored, cleared: row.cleared, breaks };
}

/** Sums per R × FM cell over the customers the compiler's scope lets through (alias t = customers). */
export interface RfmCellSums {
  r: number;
  fm: number;
  segment: RfmSegmentKey;
  customers: number;
  revenue: string;
  recencyDaysSum: number;
  frequencySum: number;
}

export async function rfmCellSums(sql: Sql, compiler: RecordQueryCompiler, scopeWhere: string): Promise<RfmCellSums[]> {
  const result = await sql.query<{ r: number; fm: number; segment: RfmSegmentKey; customers: number; revenue: string; recency_sum: string; frequency_sum: string }>(
    `SELECT s.rfm_r AS r, (s.rfm_f + s.rfm_m + 1) / 2 AS fm, min(s.rfm_segment) AS segment, count(*)::int AS customers,
            sum(s.rfm_monetary)::text AS revenue, sum(s.rfm_recency_days)::text AS recency_sum, sum(s.rfm_frequency)::text AS frequency_sum
     FROM customer_scores s JOIN customers t ON t.id = s.customer_id
     WHERE s.rfm_segment IS NOT NULL AND ${scopeWhere}
     GROUP BY 1, 2 ORDER BY 1 DESC, 2 DESC`,
    compiler.parameters,
  );
  return result.rows.map((r) => ({ r: r.r, fm: r.fm, segment: r.segment, customers: r.customers, revenue: r.revenue, recencyDaysSum: Number(r.recency_sum), frequencySum: Number(r.frequency_sum) }));
}

export interface RfmMemberRow {
  id: number;
  name: string | null;
  recencyDays: number;
  frequency: number;
  monetary: string;
  r: number;
  f: number;
  m: number;
  segment: RfmSegmentKey;
  computedAt: Date;
}

export interface RfmMemberFilter {
  segment?: RfmSegmentKey;
  r?: number;
  fm?: number;
  page: number;
  pageSize: number;
  /** Select the name only when the caller may see it. */
  withName: boolean;
}

/** One page of scored customers in the caller's scope (highest monetary first) and the total. */
export async function rfmMembers(sql: Sql, compiler: RecordQueryCompiler, scopeWhere: string, filter: RfmMemberFilter): Promise<{ total: number; rows: RfmMemberRow[] }> {
  const parts = ['s.rfm_segment IS NOT NULL', scopeWhere];
  if (filter.segment !== undefined) parts.push(`s.rfm_segment = ${compiler.param(filter.segment)}`);
  if (filter.r !== undefined) parts.push(`s.rfm_r = ${compiler.param(filter.r)}::int`);
  if (filter.fm !== undefined) parts.push(`(s.rfm_f + s.rfm_m + 1) / 2 = ${compiler.param(filter.fm)}::int`);
  const where = parts.join(' AND ');
  const from = 'FROM customer_scores s JOIN customers t ON t.id = s.customer_id';
  const [rows, total] = await Promise.all([
    sql.query<RfmMemberRow>(
      `SELECT t.id, ${filter.withName ? 't.name' : 'NULL::text'} AS name, s.rfm_recency_days AS "recencyDays", s.rfm_frequency AS frequency,
              s.rfm_monetary::text AS monetary, s.rfm_r AS r, s.rfm_f AS f, s.rfm_m AS m, s.rfm_segment AS segment, s.rfm_at AS "computedAt"
       ${from} WHERE ${where} ORDER BY s.rfm_monetary DESC, t.id LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
      compiler.parameters,
    ),
    sql.query<{ n: number }>(`SELECT count(*)::int AS n ${from} WHERE ${where}`, compiler.parameters),
  ]);
  return { total: total.rows[0]?.n ?? 0, rows: rows.rows };
}

/** Customers, orders and revenue per segment over every scored customer (a run's summary, unscoped). */
export async function rfmSegmentTotals(sql: Sql): Promise<{ segment: RfmSegmentKey; customers: number; orders: number; revenue: string }[]> {
  const result = await sql.query<{ segment: RfmSegmentKey; customers: number; orders: number; revenue: string }>(
    `SELECT rfm_segment AS segment, count(*)::int AS customers, sum(rfm_frequency)::int AS orders, sum(rfm_monetary)::text AS revenue
     FROM customer_scores WHERE rfm_segment IS NOT NULL GROUP BY rfm_segment ORDER BY rfm_segment`,
  );
  return result.rows;
}
