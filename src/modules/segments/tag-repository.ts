import type { Sql } from '../../platform/db/index.js';

export type TagLayer = 'basic' | 'behaviour' | 'predictive';

/**
 * Tags the customers `target` selects (an SQL condition over `customers t`, already restricted to
 * the caller's write scope) in one statement; returns the customers that did not have it.
 */
export async function insertTags(
  sql: Sql,
  where: string,
  params: unknown[],
  tag: { name: string; layer: TagLayer; source: 'manual' | 'rule' | 'model'; at: string; by: string; nameParam: string; layerParam: string; sourceParam: string },
): Promise<number[]> {
  const rows = await sql.query<{ customer_id: number }>(
    `INSERT INTO customer_tags (customer_id, tag, layer, source, created_at, created_by)
     SELECT t.id, ${tag.nameParam}, ${tag.layerParam}, ${tag.sourceParam}, ${tag.at}::timestamptz, ${tag.by}::bigint FROM customers t WHERE ${where}
     ON CONFLICT (customer_id, tag) DO NOTHING RETURNING customer_id::int AS customer_id`,
    params,
  );
  return rows.rows.map((r) => r.customer_id);
}

/** Removes the tag from the customers `where` selects; returns those that had it. */
export async function deleteTags(sql: Sql, where: string, params: unknown[], tagParam: string): Promise<number[]> {
  const rows = await sql.query<{ customer_id: number }>(
    `DELETE FROM customer_tags ct USING customers t WHERE ct.customer_id = t.id AND ct.tag = ${tagParam} AND ${where} RETURNING ct.customer_id::int AS customer_id`,
    params,
  );
  return rows.rows.map((r) => r.customer_id);
}

/** Tags with how many customers within `scope` (an SQL condition over `customers t`) carry them. */
export async function countTags(sql: Sql, scope: string, params: unknown[]): Promise<{ tag: string; layer: string; customers: number }[]> {
  const rows = await sql.query<{ tag: string; layer: string; customers: number }>(
    `SELECT ct.tag, min(ct.layer) AS layer, count(*)::int AS customers
     FROM customer_tags ct JOIN customers t ON t.id = ct.customer_id WHERE ${scope}
     GROUP BY ct.tag ORDER BY count(*) DESC, ct.tag LIMIT 500`,
    params,
  );
  return rows.rows;
}
