import type { Sql } from '../../platform/db/index.js';
import type { CustomerRowJson } from './merge-profile.js';

/** A `customer_merges` row. */
export interface MergeRecord {
  id: number;
  master_id: number;
  merged_id: number;
  via: string;
  strategies: Record<string, string>;
  merged_snapshot: CustomerRowJson;
  master_before: CustomerRowJson;
  master_after: CustomerRowJson | null;
  moved: Record<string, unknown>;
  merged_at: Date;
  merged_by: number | null;
  actor_name: string | null;
  unmerged_at: Date | null;
  unmerged_by: number | null;
}

export async function lockMergeRecord(sql: Sql, mergeId: number): Promise<MergeRecord | undefined> {
  return (await sql.query<MergeRecord>('SELECT * FROM customer_merges WHERE id = $1 FOR UPDATE', [mergeId])).rows[0];
}

/** The merges into or out of a customer, newest first. */
export async function mergesOf(sql: Sql, customerId: number, limit: number): Promise<MergeRecord[]> {
  const rows = await sql.query<MergeRecord>(
    `SELECT * FROM (
       (SELECT * FROM customer_merges WHERE master_id = $1 ORDER BY merged_at DESC, id DESC LIMIT $2)
       UNION ALL (SELECT * FROM customer_merges WHERE merged_id = $1 ORDER BY merged_at DESC, id DESC LIMIT $2)) m
     ORDER BY merged_at DESC, id DESC LIMIT $2`,
    [customerId, limit],
  );
  return rows.rows;
}

/**
 * Moves a merged customer's rows back from the master (after its customers row was re-inserted), in
 * ONE statement: the recorded identifiers, events, orders (with lines and keys), consent entries and
 * idempotency records; plus events that arrived after the merge naming one of the restored userIds
 * (or, without a userId, one of its anonymousIds) and their idempotency records. Team members the
 * merge added to the master leave it, the merged customer's own come back; likewise its tags and
 * segment memberships; its scores and quality flags come back; re-pointed pending duplicate pairs
 * are put back unless that pair exists by now.
 */
const MOVE_BACK = `
WITH moved AS (SELECT $4::jsonb AS m),
 idf AS (
   UPDATE customer_identifiers ci SET customer_id = $2
   FROM jsonb_array_elements((SELECT m->'identifiers' FROM moved)) k
   WHERE ci.customer_id = $1 AND ci.type = k->>0 AND ci.value_hash = decode(k->>1, 'hex')
   RETURNING ci.type, ci.value),
 ev AS (
   UPDATE events e SET customer_id = $2
   WHERE e.customer_id = $1 AND (
     e.id IN (SELECT jsonb_array_elements_text(m->'events')::bigint FROM moved)
     OR (e.received_at >= $3 AND (e.user_id IN (SELECT value FROM idf WHERE type = 'userId')
         OR (e.user_id IS NULL AND e.anonymous_id IN (SELECT value FROM idf WHERE type = 'anonymousId')))))
   RETURNING e.id),
 im AS (
   UPDATE ingested_messages i SET customer_id = $2
   WHERE i.customer_id = $1 AND (i.event_id IN (SELECT id FROM ev)
     OR (i.source_id, i.message_id) IN (SELECT (k->>0)::bigint, k->>1 FROM moved, jsonb_array_elements(m->'ingestedMessages') k))
   RETURNING 1),
 orderIds AS (SELECT jsonb_array_elements_text(m->'orders')::bigint AS id FROM moved),
 ord AS (UPDATE orders SET customer_id = $2 WHERE customer_id = $1 AND id IN (SELECT id FROM orderIds) RETURNING id),
 ol AS (UPDATE order_lines SET customer_id = $2 WHERE customer_id = $1 AND order_id IN (SELECT id FROM orderIds) RETURNING 1),
 okeys AS (
   UPDATE order_keys k SET customer_id = $2 FROM orders o
   WHERE o.customer_id = $1 AND o.id IN (SELECT id FROM orderIds) AND k.source = o.source AND k.external_id = o.external_id AND k.order_id = o.id
     AND k.customer_id = $1 RETURNING 1),
 ce AS (
   UPDATE consent_events SET customer_id = $2
   WHERE customer_id = $1 AND id IN (SELECT jsonb_array_elements_text(m->'consentEvents')::bigint FROM moved) RETURNING 1),
 sc AS (
   INSERT INTO customer_scores SELECT r.* FROM moved, jsonb_populate_record(NULL::customer_scores, m->'scores') r
   WHERE jsonb_typeof(m->'scores') = 'object' ON CONFLICT DO NOTHING RETURNING 1),
 team_out AS (
   DELETE FROM customer_team WHERE customer_id = $1 AND user_id IN (SELECT jsonb_array_elements_text(m->'teamAdded')::bigint FROM moved) RETURNING 1),
 team_in AS (
   INSERT INTO customer_team (customer_id, user_id, access)
   SELECT $2, (k->>'userId')::bigint, k->>'access' FROM moved, jsonb_array_elements(m->'team') k ON CONFLICT DO NOTHING RETURNING 1),
 tags_out AS (
   DELETE FROM customer_tags WHERE customer_id = $1 AND tag IN (SELECT jsonb_array_elements_text(m->'tagsAdded') FROM moved) RETURNING 1),
 tags_in AS (
   INSERT INTO customer_tags SELECT r.* FROM moved, jsonb_populate_recordset(NULL::customer_tags, coalesce(m->'tags', '[]')) r
   ON CONFLICT DO NOTHING RETURNING 1),
 seg_out AS (
   DELETE FROM segment_members WHERE customer_id = $1 AND segment_id IN (SELECT jsonb_array_elements_text(m->'segmentsAdded')::bigint FROM moved) RETURNING 1),
 seg_in AS (
   INSERT INTO segment_members SELECT r.* FROM moved, jsonb_populate_recordset(NULL::segment_members, coalesce(m->'segments', '[]')) r
   ON CONFLICT DO NOTHING RETURNING 1),
 quality_in AS (
   INSERT INTO customer_quality SELECT r.* FROM moved, jsonb_populate_recordset(NULL::customer_quality, coalesce(m->'quality', '[]')) r
   ON CONFLICT DO NOTHING RETURNING 1),
 dup AS (
   UPDATE duplicate_candidates d SET customer_a = (k->>'a')::bigint, customer_b = (k->>'b')::bigint
   FROM moved, jsonb_array_elements(m->'duplicates') k
   WHERE d.id = (k->>'id')::bigint
     AND NOT EXISTS (SELECT 1 FROM duplicate_candidates x WHERE x.customer_a = (k->>'a')::bigint AND x.customer_b = (k->>'b')::bigint)
   RETURNING 1)
SELECT (SELECT count(*)::int FROM idf) AS identifiers, (SELECT count(*)::int FROM ev) AS events, (SELECT count(*)::int FROM im) AS ingested_messages,
       (SELECT count(*)::int FROM ord) AS orders, (SELECT count(*)::int FROM ol) AS order_lines, (SELECT count(*)::int FROM okeys) AS order_keys,
       (SELECT count(*)::int FROM ce) AS consent_events, (SELECT count(*)::int FROM sc) AS scores,
       (SELECT count(*)::int FROM team_in) AS team, (SELECT count(*)::int FROM team_out) AS team_removed, (SELECT count(*)::int FROM dup) AS duplicates,
       (SELECT count(*)::int FROM tags_in) AS tags, (SELECT count(*)::int FROM tags_out) AS tags_removed, (SELECT count(*)::int FROM seg_in) AS segments,
       (SELECT count(*)::int FROM seg_out) AS segments_removed, (SELECT count(*)::int FROM quality_in) AS quality`;

export type MovedBack = Record<'identifiers' | 'events' | 'ingested_messages' | 'orders' | 'order_lines' | 'order_keys' | 'consent_events' | 'scores' | 'team' | 'team_removed' | 'duplicates' | 'tags' | 'tags_removed' | 'segments' | 'segments_removed' | 'quality', number>;

/** Re-inserts the merged customer's row as it was when merged (same id), then MOVE_BACK. */
export async function restoreMergedCustomer(sql: Sql, record: MergeRecord): Promise<MovedBack> {
  await sql.query('INSERT INTO customers SELECT * FROM jsonb_populate_record(NULL::customers, $1)', [JSON.stringify(record.merged_snapshot)]);
  const moved = await sql.query<MovedBack>(MOVE_BACK, [record.master_id, record.merged_id, record.merged_at, JSON.stringify(record.moved)]);
  return moved.rows[0]!;
}

export async function markUnmerged(sql: Sql, mergeId: number, now: Date, userId: number | null): Promise<void> {
  await sql.query('UPDATE customer_merges SET unmerged_at = $2, unmerged_by = $3 WHERE id = $1', [mergeId, now, userId]);
}
