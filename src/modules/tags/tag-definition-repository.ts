import { type JsonRead, readJson, type Sql } from '../../platform/db/index.js';
import type { SegmentRule } from '../segments/index.js';
import type { ModelTagSource } from './model-tag-mapping.js';

export type TagLayer = 'basic' | 'behaviour' | 'predictive';
export type TagKind = 'manual' | 'rule' | 'model';

export interface TagDefinitionInput {
  name: string;
  description: string;
  layer: TagLayer;
  kind: TagKind;
  rule: SegmentRule | null;
  model: ModelTagSource | null;
}

export interface TagDefinitionRow extends TagDefinitionInput {
  id: number;
  member_count: number;
  refreshed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id::int AS id, name, description, layer, kind, rule, model, member_count, refreshed_at, created_at, updated_at`;

export async function findTagDefinition(sql: Sql, id: number, lock = false): Promise<TagDefinitionRow | undefined> {
  const rows = await sql.query<TagDefinitionRow>(`SELECT ${COLUMNS} FROM tag_definitions WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows.rows[0];
}

/** Every definition, by layer then name (a handful to a few hundred rows). */
export async function listTagDefinitions(sql: Sql): Promise<TagDefinitionRow[]> {
  return (await sql.query<TagDefinitionRow>(`SELECT ${COLUMNS} FROM tag_definitions ORDER BY layer, name LIMIT 1000`)).rows;
}

/** The rule and model tags, kept current by the subscription and the sweep. */
export async function automaticTagIds(sql: Sql): Promise<number[]> {
  return (await sql.query<{ id: number }>(`SELECT id::int AS id FROM tag_definitions WHERE kind IN ('model', 'rule') ORDER BY kind, id`)).rows.map((r) => r.id);
}

/** Is a definition other than `except` using this name? */
export async function tagNameTaken(sql: Sql, name: string, except = 0): Promise<boolean> {
  return (await sql.query(`SELECT 1 FROM tag_definitions WHERE name = $1 AND id <> $2`, [name, except])).rowCount! > 0;
}

export async function insertTagDefinition(sql: Sql, input: TagDefinitionInput, userId: number, now: Date): Promise<number> {
  const rows = await sql.query<{ id: number }>(
    `INSERT INTO tag_definitions (name, description, layer, kind, rule, model, created_by, updated_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $8) RETURNING id::int AS id`,
    [input.name, input.description, input.layer, input.kind, input.rule, input.model, userId, now],
  );
  return rows.rows[0]!.id;
}

export async function updateTagDefinition(sql: Sql, id: number, input: TagDefinitionInput, userId: number, now: Date): Promise<void> {
  await sql.query(
    `UPDATE tag_definitions SET name = $2, description = $3, layer = $4, kind = $5, rule = $6, model = $7, updated_by = $8, updated_at = $9 WHERE id = $1`,
    [id, input.name, input.description, input.layer, input.kind, input.rule, input.model, userId, now],
  );
}

export async function deleteTagDefinition(sql: Sql, id: number): Promise<void> {
  await sql.query(`DELETE FROM tag_definitions WHERE id = $1`, [id]);
}

/** Renames a tag on its customers and sets their layer (a definition was edited). */
export async function renameCustomerTags(sql: Sql, from: string, to: string, layer: TagLayer): Promise<void> {
  await sql.query(`UPDATE customer_tags SET tag = $2, layer = $3 WHERE tag = $1`, [from, to, layer]);
}

/** Removes a tag from every customer (its definition was deleted); returns those that had it. */
export async function removeTagEverywhere(sql: Sql, name: string): Promise<number[]> {
  return (await sql.query<{ id: number }>(`DELETE FROM customer_tags WHERE tag = $1 RETURNING customer_id::int AS id`, [name])).rows.map((r) => r.id);
}

export interface TagSyncChange {
  added: number[];
  removed: number[];
}

/**
 * Makes the customers `where` selects (an SQL condition over `customers t`) exactly the carriers of
 * an automatic tag, in one statement: adds the missing, removes those it put on that no longer
 * match (tags put by hand under the same name are left alone). With `candidates`, only those
 * customers are looked at.
 */
export async function syncRuleTag(
  sql: Sql,
  q: { where: string; params: unknown[]; name: string; layer: string; source: string; now: string; candidates?: string },
): Promise<TagSyncChange> {
  const only = q.candidates ? ` AND ct.customer_id = ANY(${q.candidates}::bigint[])` : '';
  const rows = await sql.query<{ added: number[] | null; removed: number[] | null }>(
    `WITH wanted AS (SELECT t.id FROM customers t WHERE ${q.where}),
     ins AS (
       INSERT INTO customer_tags (customer_id, tag, layer, source, created_at)
       SELECT id, ${q.name}, ${q.layer}, ${q.source}, ${q.now}::timestamptz FROM wanted
       ON CONFLICT (customer_id, tag) DO NOTHING RETURNING customer_id),
     del AS (
       DELETE FROM customer_tags ct WHERE ct.tag = ${q.name} AND ct.source = ${q.source}${only}
         AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.id = ct.customer_id) RETURNING ct.customer_id)
     SELECT (SELECT array_agg(customer_id::int) FROM ins) AS added, (SELECT array_agg(customer_id::int) FROM del) AS removed`,
    q.params,
  );
  const row = rows.rows[0];
  return { added: row?.added ?? [], removed: row?.removed ?? [] };
}

/** Stores the carrier count after a refresh. */
export async function recordTagRefresh(sql: Sql, id: number, name: string, now: Date): Promise<number> {
  const rows = await sql.query<{ n: number }>(
    `UPDATE tag_definitions SET refreshed_at = $3, member_count = (SELECT count(*) FROM customer_tags WHERE tag = $2) WHERE id = $1 RETURNING member_count AS n`,
    [id, name, now],
  );
  return rows.rows[0]?.n ?? 0;
}

/** Carriers per tag name in the viewer's scope (an SQL condition over `customers t`), one grouped statement. */
export async function carriersInScope(sql: Sql, scope: string, params: unknown[]): Promise<Map<string, number>> {
  const rows = await sql.query<{ tag: string; n: number }>(
    `SELECT ct.tag, count(*)::int AS n FROM customer_tags ct JOIN customers t ON t.id = ct.customer_id WHERE ${scope} GROUP BY ct.tag`,
    params,
  );
  return new Map(rows.rows.map((r) => [r.tag, r.n]));
}

/** One customer's tags with their layer (primary key lookup), for the 360 view. */
export interface CustomerTag {
  tag: string;
  layer: TagLayer;
  source: TagKind;
}

/** A customer's tags by layer and name (primary-key range): the 360 view reads it with the others in one statement. */
export const customerTagsRead: JsonRead<CustomerTag[]> = {
  sql: (key) =>
    `(SELECT coalesce(json_agg(json_build_object('tag', tag, 'layer', layer, 'source', source) ORDER BY layer, tag), '[]'::json) FROM customer_tags WHERE customer_id = ${key})`,
  parse: (value) => value as CustomerTag[],
};

export function tagsOfCustomer(sql: Sql, customerId: number): Promise<CustomerTag[]> {
  return readJson(sql, customerTagsRead, customerId);
}
