import type { Database, Sql } from '../../../platform/db/index.js';
import { readColumnBatches } from '../runs/runner-batches.js';
import type { AssociationRule } from './association-rules.js';

export type ItemKind = 'sku' | 'category';

/** Purchases as in orders' figures: paid or refunded orders with money left. */
const PURCHASED_LINES = `order_lines l JOIN orders o ON o.customer_id = l.customer_id AND o.id = l.order_id
  WHERE o.status IN ('paid', 'refunded') AND o.amount > o.refunded_amount`;

const itemColumn = (kind: ItemKind) => (kind === 'sku' ? 'l.sku' : 'l.category');

/** Every purchased order as a basket of distinct items (one statement, streamed in batches). */
export async function readBaskets(db: Database, kind: ItemKind, since: Date | null): Promise<string[][]> {
  const baskets: string[][] = [];
  const text = `SELECT array_agg(DISTINCT ${itemColumn(kind)}) AS items FROM ${PURCHASED_LINES}
    AND ${itemColumn(kind)} IS NOT NULL AND ($1::timestamptz IS NULL OR o.ordered_at >= $1::timestamptz)
    GROUP BY l.customer_id, l.order_id`;
  await readColumnBatches(db, text, [since], (c) => {
    for (const items of c.items as string[][]) baskets.push(items);
  });
  return baskets;
}

/** Replaces the stored rules with this run's (one rule per consequent item), in chunks. */
export async function replaceCrossSellRules(sql: Sql, rules: readonly AssociationRule[], kind: ItemKind, runId: number | null, computedAt: Date, chunkSize = 10_000): Promise<void> {
  await sql.query('DELETE FROM cross_sell_rules');
  for (let start = 0; start < rules.length; start += chunkSize) {
    const chunk = rules.slice(start, start + chunkSize);
    await sql.query(
      `INSERT INTO cross_sell_rules (run_id, item_kind, antecedent, consequent, support, confidence, lift, baskets, computed_at)
       SELECT $1, $2, string_to_array(x.antecedent, E'\\x1f'), x.consequent, x.support, x.confidence, x.lift, x.baskets, $3
       FROM unnest($4::text[], $5::text[], $6::float8[], $7::float8[], $8::float8[], $9::int[]) AS x (antecedent, consequent, support, confidence, lift, baskets)`,
      [
        runId,
        kind,
        computedAt,
        // Antecedents are ragged arrays: joined with the unit separator, split back in SQL ('' → {}).
        chunk.map((r) => r.antecedent.join('\x1f')),
        chunk.map((r) => r.consequent[0]!),
        chunk.map((r) => r.support),
        chunk.map((r) => r.confidence),
        chunk.map((r) => r.lift),
        chunk.map((r) => r.count),
      ],
    );
  }
}

/** The items one customer bought (in the stored rules' item kind) and the stored rules that apply to them. */
export async function customerItemsAndRules(sql: Sql, customerId: number): Promise<{ items: string[]; rules: AssociationRule[] }> {
  const result = await sql.query<{ items: string[]; antecedent: string[] | null; consequent: string | null; support: number; confidence: number; lift: number; baskets: number }>(
    `WITH kind AS (SELECT item_kind FROM cross_sell_rules LIMIT 1),
     bought AS (
       SELECT coalesce(array_agg(DISTINCT CASE WHEN (SELECT item_kind FROM kind) = 'category' THEN l.category ELSE l.sku END)
                       FILTER (WHERE CASE WHEN (SELECT item_kind FROM kind) = 'category' THEN l.category ELSE l.sku END IS NOT NULL), '{}') AS items
       FROM ${PURCHASED_LINES} AND l.customer_id = $1
     )
     SELECT b.items, r.antecedent, r.consequent, r.support, r.confidence, r.lift, r.baskets
     FROM bought b LEFT JOIN cross_sell_rules r ON r.antecedent <@ b.items AND NOT (r.consequent = ANY (b.items))`,
    [customerId],
  );
  const items = result.rows[0]?.items ?? [];
  const rules = result.rows
    .filter((r) => r.consequent !== null)
    .map((r) => ({ antecedent: r.antecedent!, consequent: [r.consequent!], support: r.support, confidence: r.confidence, lift: r.lift, count: r.baskets }));
  return { items, rules };
}
