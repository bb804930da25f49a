import type { Sql } from '../../platform/db/index.js';
import { loadFieldDefinitions, lockRecordsForRemoval } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { type CustomerRowJson, mergeableFields, mergedProfilePatch } from './merge-profile.js';
import type { MergeStrategy } from './merge-strategies.js';

export type MergeVia = 'manual' | 'duplicate_review' | 'tracking';

/** Who merges and how, recorded in `customer_merges` for unmerge. */
export interface MergeRecording {
  via: MergeVia;
  strategies?: Readonly<Record<string, MergeStrategy>>;
  actorId?: number | null;
  actorName?: string | null;
}

export interface MergedRows {
  movedEvents: number;
  /** One `customer_merges` id per merged customer, in mergedIds order. */
  mergeIds: number[];
}

/** Lets the consent ledger's append-only trigger accept customer_id moves in this transaction. */
export async function allowCustomerRowMoves(sql: Sql, on: boolean): Promise<void> {
  await sql.query(`SELECT set_config('relata.moving_customer_rows', $1, true)`, [on ? 'on' : 'off']);
}

/** `to_jsonb` of the named customers, master first, then oldest first. */
export async function customerRowsJson(sql: Sql, masterId: number, ids: readonly number[]): Promise<CustomerRowJson[]> {
  const rows = await sql.query<{ row: CustomerRowJson }>('SELECT to_jsonb(c) AS row FROM customers c WHERE id = ANY($2) ORDER BY id <> $1, created_at, id', [masterId, [...ids]]);
  return rows.rows.map((r) => r.row);
}

/** Writes the given columns (from a jsonb of customers' shape) onto one customer. Column names come from the catalogue/table. */
export async function patchCustomer(sql: Sql, id: number, patch: Record<string, unknown>, now: Date): Promise<void> {
  const columns = Object.keys(patch).map((c) => `"${c.replaceAll('"', '""')}"`);
  if (columns.length === 0) {
    await sql.query('UPDATE customers SET updated_at = $2 WHERE id = $1', [id, now]);
    return;
  }
  const set = `(${columns.join(', ')}) = (SELECT ${columns.join(', ')} FROM jsonb_populate_record(NULL::customers, $2::jsonb))`;
  await sql.query(`UPDATE customers SET ${set}, updated_at = $3 WHERE id = $1`, [id, JSON.stringify(patch), now]);
}

/**
 * Moves one merged customer's rows to the master in ONE statement and records their keys in its
 * `customer_merges` row: events, identifiers, idempotency records, orders (their lines follow, and
 * their keys, reached through the orders), consent entries, team members, tags and segment
 * memberships (added to the master unless already there: a union), pending duplicate pairs
 * (re-pointed unless that pair exists or would pair the master with itself); its scores, quality
 * flags and traits rows are deleted (scores and flags kept in the record). Returns the events moved.
 */
const MOVE_ROWS = `
WITH ev AS (UPDATE events SET customer_id = $1 WHERE customer_id = $2 RETURNING id),
 idf AS (UPDATE customer_identifiers SET customer_id = $1 WHERE customer_id = $2 RETURNING type, value_hash),
 im AS (UPDATE ingested_messages SET customer_id = $1 WHERE customer_id = $2 RETURNING source_id, message_id),
 ord AS (UPDATE orders SET customer_id = $1 WHERE customer_id = $2 RETURNING id),
 ol AS (UPDATE order_lines SET customer_id = $1 WHERE customer_id = $2 RETURNING 1),
 okeys AS (
   UPDATE order_keys k SET customer_id = $1 FROM orders o
   WHERE o.customer_id = $2 AND k.source = o.source AND k.external_id = o.external_id AND k.order_id = o.id AND k.customer_id = $2 RETURNING 1),
 ce AS (UPDATE consent_events SET customer_id = $1 WHERE customer_id = $2 RETURNING id),
 sc AS (DELETE FROM customer_scores WHERE customer_id = $2 RETURNING to_jsonb(customer_scores.*) AS row),
 tr AS (DELETE FROM customer_traits WHERE customer_id = $2 RETURNING 1),
 team AS (SELECT user_id, access FROM customer_team WHERE customer_id = $2),
 added AS (INSERT INTO customer_team (customer_id, user_id, access) SELECT $1, user_id, access FROM team ON CONFLICT DO NOTHING RETURNING user_id),
 gone AS (DELETE FROM customer_team WHERE customer_id = $2 RETURNING 1),
 tags AS (SELECT * FROM customer_tags WHERE customer_id = $2),
 tags_added AS (
   INSERT INTO customer_tags (customer_id, tag, layer, source, created_at, created_by)
   SELECT $1, tag, layer, source, created_at, created_by FROM tags ON CONFLICT DO NOTHING RETURNING tag),
 tags_gone AS (DELETE FROM customer_tags WHERE customer_id = $2 RETURNING 1),
 seg AS (SELECT * FROM segment_members WHERE customer_id = $2),
 seg_added AS (
   INSERT INTO segment_members (segment_id, customer_id, entered_at) SELECT segment_id, $1, entered_at FROM seg
   ON CONFLICT DO NOTHING RETURNING segment_id),
 seg_gone AS (DELETE FROM segment_members WHERE customer_id = $2 RETURNING 1),
 quality AS (DELETE FROM customer_quality WHERE customer_id = $2 RETURNING to_jsonb(customer_quality.*) AS row),
 pairs AS (
   SELECT id, customer_a, customer_b, CASE WHEN customer_a = $2 THEN customer_b ELSE customer_a END AS other
   FROM duplicate_candidates WHERE status = 'pending' AND (customer_a = $2 OR customer_b = $2)),
 dup AS (
   UPDATE duplicate_candidates d SET customer_a = least(p.other, $1::bigint), customer_b = greatest(p.other, $1::bigint)
   FROM pairs p
   WHERE d.id = p.id AND p.other <> $1
     AND NOT EXISTS (SELECT 1 FROM duplicate_candidates x WHERE x.customer_a = least(p.other, $1::bigint) AND x.customer_b = greatest(p.other, $1::bigint))
   RETURNING d.id, p.customer_a, p.customer_b)
UPDATE customer_merges SET moved = jsonb_build_object(
  'events', (SELECT coalesce(jsonb_agg(id ORDER BY id), '[]') FROM ev),
  'identifiers', (SELECT coalesce(jsonb_agg(jsonb_build_array(type, encode(value_hash, 'hex'))), '[]') FROM idf),
  'ingestedMessages', (SELECT coalesce(jsonb_agg(jsonb_build_array(source_id, message_id)), '[]') FROM im),
  'orders', (SELECT coalesce(jsonb_agg(id ORDER BY id), '[]') FROM ord),
  'consentEvents', (SELECT coalesce(jsonb_agg(id ORDER BY id), '[]') FROM ce),
  'scores', (SELECT row FROM sc),
  'team', (SELECT coalesce(jsonb_agg(jsonb_build_object('userId', user_id, 'access', access)), '[]') FROM team),
  'teamAdded', (SELECT coalesce(jsonb_agg(user_id), '[]') FROM added),
  'duplicates', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'a', customer_a, 'b', customer_b)), '[]') FROM dup),
  'tags', (SELECT coalesce(jsonb_agg(to_jsonb(tags)), '[]') FROM tags),
  'tagsAdded', (SELECT coalesce(jsonb_agg(tag), '[]') FROM tags_added),
  'segments', (SELECT coalesce(jsonb_agg(to_jsonb(seg)), '[]') FROM seg),
  'segmentsAdded', (SELECT coalesce(jsonb_agg(segment_id), '[]') FROM seg_added),
  'quality', (SELECT coalesce(jsonb_agg(row), '[]') FROM quality),
  'counts', jsonb_build_object('events', (SELECT count(*) FROM ev), 'orderLines', (SELECT count(*) FROM ol), 'orderKeys', (SELECT count(*) FROM okeys),
                               'traits', (SELECT count(*) FROM tr), 'teamRemoved', (SELECT count(*) FROM gone),
                               'tagsRemoved', (SELECT count(*) FROM tags_gone), 'segmentsRemoved', (SELECT count(*) FROM seg_gone)))
WHERE id = $3
RETURNING (moved->'counts'->>'events')::int AS events`;

async function recordMerge(sql: Sql, masterId: number, mergedRow: CustomerRowJson, masterBefore: CustomerRowJson, now: Date, how: MergeRecording): Promise<number> {
  const inserted = await sql.query<{ id: number }>(
    `INSERT INTO customer_merges (master_id, merged_id, via, strategies, merged_snapshot, master_before, merged_at, merged_by, actor_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [masterId, mergedRow.id, how.via, JSON.stringify(how.strategies ?? {}), JSON.stringify(mergedRow), JSON.stringify(masterBefore), now, how.actorId ?? null, how.actorName ?? null],
  );
  return inserted.rows[0]!.id;
}

/**
 * Merges customers into the master: moves everything they own (MOVE_ROWS, one statement per merged
 * customer), sets the master's fields by the per-field strategies (defaults: union for lists,
 * non_empty otherwise; the owner is the master's or else the most recently updated one's), records
 * each merge in `customer_merges` (the merged row as it was, the master before/after, the moved
 * keys) and deletes the merged rows. Returns how many events moved and the merge record ids.
 */
export async function mergeCustomerRows(sql: Sql, masterId: number, mergedIds: readonly number[], now: Date, how: MergeRecording = { via: 'tracking' }): Promise<MergedRows> {
  const ids = [...mergedIds];
  // Waits for batches that resolved to the merged customers (they hold them, see lockResolution)
  // to commit, so their events are moved below instead of left on a deleted id.
  await lockRecordsForRemoval(sql, customerObject, ids);
  await sql.query('SELECT id FROM customers WHERE id = ANY($1) ORDER BY id FOR UPDATE', [ids]);
  const rows = await customerRowsJson(sql, masterId, [masterId, ...ids]);
  const master = rows[0];
  if (master?.id !== masterId) throw new RangeError(`mergeCustomerRows: master ${masterId} not found`);
  const fields = mergeableFields(await loadFieldDefinitions(sql, customerObject));
  const patch = mergedProfilePatch(fields, rows, how.strategies ?? {});
  await allowCustomerRowMoves(sql, true);
  const mergeIds: number[] = [];
  let movedEvents = 0;
  for (const row of rows.slice(1)) {
    const mergeId = await recordMerge(sql, masterId, row, master, now, how);
    const moved = await sql.query<{ events: number }>(MOVE_ROWS, [masterId, row.id, mergeId]);
    movedEvents += moved.rows[0]?.events ?? 0;
    mergeIds.push(mergeId);
  }
  await allowCustomerRowMoves(sql, false);
  await patchCustomer(sql, masterId, patch, now);
  await sql.query('UPDATE customer_merges SET master_after = (SELECT to_jsonb(c) FROM customers c WHERE c.id = $1) WHERE id = ANY($2)', [masterId, mergeIds]);
  await sql.query('DELETE FROM customers WHERE id = ANY($1)', [ids]);
  return { movedEvents, mergeIds };
}
