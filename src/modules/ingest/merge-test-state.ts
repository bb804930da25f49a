import type { Sql } from '../../platform/db/index.js';

/**
 * Every customer-owned table, each as the sorted rows (JSON) that belong to the given customers,
 * for merge/unmerge round-trip tests. `ignore` drops columns that a round trip legitimately changes
 * (the master's updated_at, traits' computed_at).
 */
const TABLES: Record<string, { where: string; ignore: string[] }> = {
  customers: { where: 'id = ANY($1)', ignore: ['updated_at'] },
  events: { where: 'customer_id = ANY($1)', ignore: [] },
  customer_identifiers: { where: 'customer_id = ANY($1)', ignore: [] },
  ingested_messages: { where: 'customer_id = ANY($1)', ignore: [] },
  orders: { where: 'customer_id = ANY($1)', ignore: [] },
  order_lines: { where: 'customer_id = ANY($1)', ignore: [] },
  order_keys: { where: 'customer_id = ANY($1)', ignore: [] },
  consent_events: { where: 'customer_id = ANY($1)', ignore: [] },
  customer_team: { where: 'customer_id = ANY($1)', ignore: [] },
  customer_scores: { where: 'customer_id = ANY($1)', ignore: [] },
  customer_tags: { where: 'customer_id = ANY($1)', ignore: [] },
  segment_members: { where: 'customer_id = ANY($1)', ignore: [] },
  customer_quality: { where: 'customer_id = ANY($1)', ignore: [] },
  customer_traits: { where: 'customer_id = ANY($1)', ignore: ['computed_at'] },
  duplicate_candidates: { where: 'customer_a = ANY($1) OR customer_b = ANY($1)', ignore: [] },
};

export async function customerState(sql: Sql, customerIds: readonly number[]): Promise<Record<string, string[]>> {
  const state: Record<string, string[]> = {};
  for (const [table, { where, ignore }] of Object.entries(TABLES)) {
    const rows = await sql.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(t) AS row FROM ${table} t WHERE ${where}`, [[...customerIds]]);
    state[table] = rows.rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r.row).filter(([k]) => !ignore.includes(k))))).sort();
  }
  return state;
}
