import { isUniqueViolation, nextIdSql, type Sql } from '../../platform/db/index.js';
import { createScratchAsSql, dropScratchTables, type Scratch, scratchName, type StagingTable, TEMP_SCRATCH } from './staging-repository.js';

/**
 * Order lines as validated in Node. `ref` names the customer: `customerId:<id>`, `userId:<identifier
 * hash hex>` or `mobile|email:<identifier hash hex>:<customers blind index hex>`. Node numbers the
 * blocks of adjacent lines with the same source + external id (`order_seq`, `line_no`) and puts the
 * block's summary on its line 1 (`line_count`, `lines_sum`, `disagree`; store and amount there are
 * the block's first non-NULL ones, which leaves min/max over the lines unchanged). When every order
 * is one block (`grouped`), the orders are those lines 1; otherwise SQL groups by the keys.
 */
export const ORDER_LINES_STAGE: StagingTable = {
  name: 'order_import_lines',
  columns: [
    'row_no int', 'source text', 'external_id text', 'ref text', 'ordered_at timestamptz', 'status text', 'channel text', 'store text',
    'currency text', 'amount numeric(14,2)', 'sku text', 'product_name text', 'category text', 'quantity numeric(12,3)',
    'unit_price numeric(14,2)', 'line_amount numeric(14,2)', 'order_seq int', 'line_no int', 'line_count int', 'lines_sum numeric',
    'disagree boolean',
  ],
};

/** The orders of the staged lines: one row per order, from lines 1 when Node grouped them, else by GROUP BY. */
function stagedOrdersSql(lines: string, grouped: boolean): string {
  return grouped
    ? `SELECT order_seq, source, external_id, line_count, ref, ordered_at, status, channel, store, currency, amount, lines_sum, disagree
       FROM ${lines} WHERE line_no = 1`
    : `SELECT NULL::int AS order_seq, source, external_id, count(*)::int AS line_count, min(ref) AS ref, min(ordered_at) AS ordered_at, min(status) AS status,
              min(channel) AS channel, min(store) AS store, min(currency) AS currency, min(amount) AS amount, sum(line_amount) AS lines_sum,
              (min(ref) IS DISTINCT FROM max(ref) OR min(ordered_at) IS DISTINCT FROM max(ordered_at) OR min(status) IS DISTINCT FROM max(status)
               OR min(channel) IS DISTINCT FROM max(channel) OR min(store) IS DISTINCT FROM max(store)
               OR min(currency) IS DISTINCT FROM max(currency) OR min(amount) IS DISTINCT FROM max(amount)) AS disagree
       FROM ${lines} GROUP BY source, external_id`;
}

/**
 * Resolves every distinct customer reference of a staging table (its `ref` column, see
 * `stagedCustomerRef`) into the temp table `import_refs (ref, customer_id)`: the id as given; else
 * the identifier through customer_identifiers; mobile / e-mail also through the customers' blind
 * index, oldest first; NULL when nobody matches. Two statements, each followed by ANALYZE, so the
 * joins over hundreds of thousands of references are planned on real counts (hash joins), not on
 * the guesses PostgreSQL makes for computed columns (which chose one index probe per reference).
 */
export async function resolveCustomerRefs(sql: Sql, input: string, s: Scratch = TEMP_SCRATCH): Promise<void> {
  const keys = scratchName(s, 'import_ref_keys');
  await sql.query(
    createScratchAsSql(s, 'import_ref_keys', `
     SELECT d.ref, split_part(d.ref, ':', 1) AS ref_type,
            CASE WHEN split_part(d.ref, ':', 1) = 'customerId' THEN split_part(d.ref, ':', 2)::bigint END AS given_id,
            CASE WHEN split_part(d.ref, ':', 1) <> 'customerId' THEN decode(split_part(d.ref, ':', 2), 'hex') END AS ident_hash,
            decode(NULLIF(split_part(d.ref, ':', 3), ''), 'hex') AS field_hash
     FROM (SELECT DISTINCT ref FROM ${input}) d`),
  );
  await sql.query(`ANALYZE ${keys}`);
  await sql.query(
    createScratchAsSql(s, 'import_refs', `
     WITH by_mobile AS (
       SELECT DISTINCT ON (m.mobile_bidx) m.mobile_bidx AS hash, m.id FROM customers m
       JOIN ${keys} k ON k.ref_type = 'mobile' AND k.field_hash = m.mobile_bidx ORDER BY m.mobile_bidx, m.id
     ), by_email AS (
       SELECT DISTINCT ON (m.email_bidx) m.email_bidx AS hash, m.id FROM customers m
       JOIN ${keys} k ON k.ref_type = 'email' AND k.field_hash = m.email_bidx ORDER BY m.email_bidx, m.id
     )
     SELECT k.ref, COALESCE(k.given_id, ci.customer_id, bm.id, be.id) AS customer_id
     FROM ${keys} k LEFT JOIN customer_identifiers ci ON ci.type = k.ref_type AND ci.value_hash = k.ident_hash
     LEFT JOIN by_mobile bm ON k.ref_type = 'mobile' AND bm.hash = k.field_hash
     LEFT JOIN by_email be ON k.ref_type = 'email' AND be.hash = k.field_hash`),
  );
  await sql.query(`ANALYZE ${scratchName(s, 'import_refs')}`);
}

/** The scratch tables of an order import (the staged lines, the orders, the resolved references). */
const ORDER_SCRATCH = ['order_import_lines', 'order_import_orders', 'import_ref_keys', 'import_refs'] as const;

/** Drops an order import's scratch tables in a side transaction (before it is prepared). */
export function dropOrderScratch(sql: Sql, s: Scratch): Promise<void> {
  return dropScratchTables(sql, s, ORDER_SCRATCH);
}

/** Why a staged order is refused (every line of it is a row error). */
export type OrderProblem = 'customer' | 'disagree' | 'amount' | 'line';

/**
 * Groups the staged lines into orders (one row per source + external id; `grouped`: Node did, see
 * ORDER_LINES_STAGE) and decides each one:
 * customer resolved (id as given; else identifier via customer_identifiers; mobile / e-mail also via
 * the customers' blind index, oldest first) and writable in the caller's scope (`scopeWhere` over
 * alias t, its parameters first), key already claimed (`existing`), and the problem if any. The
 * amount rule mirrors orders' `amountMatches`: a declared total within ±0.01 of the lines' sum.
 * With `drawIds` (a commit) each valid new order gets its id from the orders sequence in the same
 * pass; a dry run draws none.
 */
export async function stageOrders(
  sql: Sql, scratch: Scratch, scopeWhere: string, scopeParams: readonly unknown[], poisoned: { sources: string[]; externalIds: string[] }, options: { drawIds: boolean; grouped: boolean },
): Promise<void> {
  const p = scopeParams.length;
  const lines = scratchName(scratch, 'order_import_lines');
  await resolveCustomerRefs(sql, lines, scratch);
  await sql.query(
    createScratchAsSql(scratch, 'order_import_orders', `
     WITH g AS (${stagedOrdersSql(lines, options.grouped)}), s AS MATERIALIZED (
       SELECT g.*, ir.customer_id, EXISTS (SELECT 1 FROM customers t WHERE t.id = ir.customer_id AND ${scopeWhere}) AS writable,
              k.source IS NOT NULL AS existing,
              (g.source, g.external_id) IN (SELECT * FROM unnest($${p + 1}::text[], $${p + 2}::text[])) AS poisoned
       FROM g LEFT JOIN ${scratchName(scratch, 'import_refs')} ir ON ir.ref = g.ref
       LEFT JOIN order_keys k ON k.source = g.source AND k.external_id = g.external_id
     ), d AS (
       SELECT s.order_seq, s.source, s.external_id, s.line_count, s.customer_id, s.ordered_at, s.status, s.channel, s.store, s.currency,
              COALESCE(s.amount, s.lines_sum) AS amount, s.existing,
              CASE WHEN s.poisoned THEN 'line' WHEN s.disagree THEN 'disagree' WHEN NOT s.writable THEN 'customer'
                   WHEN abs(COALESCE(s.amount, s.lines_sum) - s.lines_sum) > 0.01 OR COALESCE(s.amount, s.lines_sum) > 999999999999.99 THEN 'amount' END AS problem
       FROM s
     )
     SELECT d.order_seq, d.source, d.external_id, d.line_count, d.customer_id, d.ordered_at, d.status, d.channel, d.store, d.currency, d.amount, d.existing,
            CASE WHEN $${p + 3}::boolean AND d.problem IS NULL AND NOT d.existing THEN ${nextIdSql('orders')} END AS order_id,
            d.problem
     FROM d`),
    [...scopeParams, poisoned.sources, poisoned.externalIds, options.drawIds],
  );
  await sql.query(`ANALYZE ${scratchName(scratch, 'order_import_orders')}`);
}

export interface StagedCounts {
  /** Lines of orders refused in SQL. */
  invalidLines: number;
  /** Orders a commit creates (dry run) or created. */
  newOrders: number;
  newLines: number;
  /** Valid orders whose key was already claimed: skipped. */
  skippedOrders: number;
  skippedLines: number;
}

export async function stagedCounts(sql: Sql, scratch: Scratch): Promise<StagedCounts> {
  const result = await sql.query<StagedCounts>(
    `SELECT COALESCE(sum(line_count) FILTER (WHERE problem IS NOT NULL), 0)::int AS "invalidLines",
            count(*) FILTER (WHERE problem IS NULL AND NOT existing)::int AS "newOrders",
            COALESCE(sum(line_count) FILTER (WHERE problem IS NULL AND NOT existing), 0)::int AS "newLines",
            count(*) FILTER (WHERE problem IS NULL AND existing)::int AS "skippedOrders",
            COALESCE(sum(line_count) FILTER (WHERE problem IS NULL AND existing), 0)::int AS "skippedLines"
     FROM ${scratchName(scratch, 'order_import_orders')}`,
  );
  return result.rows[0]!;
}

/** The lines of refused orders, first `limit` by row: row number and the problem. */
export async function refusedLines(sql: Sql, scratch: Scratch, limit: number): Promise<{ row_no: number; problem: OrderProblem }[]> {
  const result = await sql.query<{ row_no: number; problem: OrderProblem }>(
    `SELECT l.row_no, o.problem FROM ${scratchName(scratch, 'order_import_lines')} l
     JOIN ${scratchName(scratch, 'order_import_orders')} o ON o.source = l.source AND o.external_id = l.external_id
     WHERE o.problem IS NOT NULL ORDER BY l.row_no LIMIT $1`,
    [limit],
  );
  return result.rows;
}

/**
 * Stores the valid new orders (their ids drawn by `stageOrders`): keys claimed in key order, then
 * orders and lines with INSERT … SELECT in primary-key order. Returns the customers that received
 * orders. The keys are claimed optimistically with a plain INSERT under a savepoint: ~40% cheaper
 * than `ON CONFLICT DO NOTHING` (no speculative insertion per row). Only when a concurrent writer
 * claimed one of the keys first (a unique violation) is it rolled back and redone with ON CONFLICT
 * DO NOTHING; the orders it could not claim become skipped. `grouped` as for `stageOrders`: the lines
 * then find their order by its number in the file and keep their number in it.
 */
export async function storeStagedOrders(sql: Sql, scratch: Scratch, now: Date, grouped: boolean): Promise<{ orders: number; lines: number; customerIds: number[] }> {
  const [stagedLines, stagedOrders] = [scratchName(scratch, 'order_import_lines'), scratchName(scratch, 'order_import_orders')];
  const claim = `INSERT INTO order_keys (source, external_id, customer_id, order_id, created_at)
     SELECT source, external_id, customer_id, order_id, $1 FROM ${stagedOrders} WHERE order_id IS NOT NULL
     ORDER BY source, external_id`;
  await sql.query('SAVEPOINT order_key_claims');
  try {
    await sql.query(claim, [now]);
    await sql.query('RELEASE SAVEPOINT order_key_claims');
  } catch (error) {
    if (!isUniqueViolation(error, 'order_keys_pkey')) throw error;
    await sql.query('ROLLBACK TO SAVEPOINT order_key_claims');
    await sql.query(`${claim} ON CONFLICT (source, external_id) DO NOTHING`, [now]);
    await sql.query(
      `UPDATE ${stagedOrders} o SET order_id = NULL, existing = true WHERE o.order_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM order_keys k WHERE k.source = o.source AND k.external_id = o.external_id AND k.order_id = o.order_id)`,
    );
  }
  const orders = await sql.query(
    `INSERT INTO orders (customer_id, id, order_no, amount, channel, store, status, ordered_at, created_at, updated_at,
                         external_id, source, currency, paid_at, refunded_amount, refunded_at)
     SELECT customer_id, order_id, external_id, amount, channel, store, status, ordered_at, $1, $1, external_id, source, currency,
            CASE WHEN status IN ('paid', 'refunded') THEN ordered_at END, CASE WHEN status = 'refunded' THEN amount ELSE 0 END,
            CASE WHEN status = 'refunded' THEN $1::timestamptz END
     FROM ${stagedOrders} WHERE order_id IS NOT NULL ORDER BY customer_id, order_id`,
    [now],
  );
  const lines = await sql.query(
    grouped
      ? `INSERT INTO order_lines (customer_id, order_id, line_no, sku, product_name, category, quantity, unit_price, amount)
         SELECT o.customer_id, o.order_id, l.line_no, l.sku, l.product_name, l.category, l.quantity, l.unit_price, l.line_amount
         FROM ${stagedLines} l JOIN ${stagedOrders} o ON o.order_seq = l.order_seq
         WHERE o.order_id IS NOT NULL
         ORDER BY o.customer_id, o.order_id, l.line_no`
      : `INSERT INTO order_lines (customer_id, order_id, line_no, sku, product_name, category, quantity, unit_price, amount)
         SELECT o.customer_id, o.order_id, row_number() OVER (PARTITION BY o.customer_id, o.order_id ORDER BY l.row_no), l.sku, l.product_name, l.category,
                l.quantity, l.unit_price, l.line_amount
         FROM ${stagedLines} l JOIN ${stagedOrders} o ON o.source = l.source AND o.external_id = l.external_id
         WHERE o.order_id IS NOT NULL
         ORDER BY o.customer_id, o.order_id, l.row_no`,
  );
  const customers = await sql.query<{ customer_id: number }>(`SELECT DISTINCT customer_id FROM ${stagedOrders} WHERE order_id IS NOT NULL ORDER BY 1`);
  return { orders: orders.rowCount ?? 0, lines: lines.rowCount ?? 0, customerIds: customers.rows.map((r) => Number(r.customer_id)) };
}
