import { queryPrepared, type Sql } from '../../platform/db/index.js';
import type { TimelineCursor, TimelineKind } from './timeline-cursor.js';

export interface TimelineItem {
  kind: TimelineKind;
  /** ISO time with microseconds. */
  at: string;
  id: number;
  title: string;
  details: Record<string, unknown>;
}

export interface TimelineQuery {
  customerId: number;
  kinds: readonly TimelineKind[];
  limit: number;
  cursor: TimelineCursor | null;
  /** Field keys the caller may see: change entries name only these (others are left out entirely). */
  visibleKeys: readonly string[];
  /** Visible keys whose old/new values may be shown (not sensitive, not masked). */
  valueKeys: readonly string[];
}

/** Audit actions that change a customer's fields. */
export const CHANGE_ACTIONS = ['customer.create', 'customer.update', 'customer.transfer'] as const;

const AT_TEXT = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/**
 * One page of the timeline, newest first, ordered by (at, kind, id) descending: each source is
 * read with its own LIMIT after the cursor and the pieces are merged by UNION ALL … ORDER BY …
 * LIMIT in the same statement. Reads `limit + 1` rows: the extra one tells whether a page follows.
 */
export async function selectTimeline(sql: Sql, q: TimelineQuery): Promise<{ items: TimelineItem[]; more: boolean }> {
  if (q.kinds.length === 0) return { items: [], more: false };
  const args: unknown[] = [q.customerId, q.limit + 1];
  let after = (_at: string, _kind: string, _id: string) => 'TRUE';
  if (q.cursor) {
    args.push(q.cursor.at, q.cursor.kind, q.cursor.id);
    after = (at, kind, id) => `${at} <= $3::timestamptz AND (${at}, '${kind}'::text, ${id}) < ($3::timestamptz, $4::text, $5::bigint)`;
  }
  const parts: string[] = [];
  if (q.kinds.includes('event')) {
    parts.push(`(SELECT 'event'::text AS kind, e.occurred_at AS at, e.id, coalesce(nullif(e.name, ''), e.type) AS title,
        jsonb_build_object('type', e.type, 'name', e.name, 'properties', e.properties) AS details
      FROM events e WHERE e.customer_id = $1 AND ${after('e.occurred_at', 'event', 'e.id')}
      ORDER BY e.occurred_at DESC, e.id DESC LIMIT $2)`);
  }
  if (q.kinds.includes('order')) {
    parts.push(`(SELECT 'order'::text AS kind, o.ordered_at AS at, o.id, o.order_no AS title,
        jsonb_build_object('orderNo', o.order_no, 'amount', o.amount, 'channel', o.channel, 'store', o.store, 'status', o.status) AS details
      FROM orders o WHERE o.customer_id = $1 AND ${after('o.ordered_at', 'order', 'o.id')}
      ORDER BY o.ordered_at DESC, o.id DESC LIMIT $2)`);
  }
  if (q.kinds.includes('change')) {
    const visible = args.push([...q.visibleKeys]);
    const values = args.push([...q.valueKeys]);
    const actions = args.push([...CHANGE_ACTIONS]);
    // Only visible field keys are named; values only for non-sensitive, unmasked fields; an entry
    // that changed nothing the caller may see does not appear at all.
    parts.push(`(SELECT 'change'::text AS kind, a.at, a.id, a.action AS title,
        jsonb_build_object('action', a.action, 'actorName', a.actor_name, 'fields', f.fields, 'values', f.vals) AS details
      FROM audit_log a
      CROSS JOIN LATERAL (
        SELECT coalesce(jsonb_agg(x.k ORDER BY x.k), '[]'::jsonb) AS fields,
               coalesce(jsonb_object_agg(x.k, x.v) FILTER (WHERE x.k = ANY($${values}::text[])), '{}'::jsonb) AS vals
        FROM jsonb_each(CASE WHEN jsonb_typeof(a.changes) = 'object' THEN a.changes ELSE '{}'::jsonb END) AS x(k, v)
        WHERE x.k = ANY($${visible}::text[])
      ) f
      WHERE a.object = 'customer' AND a.record_id = $1::text AND a.action = ANY($${actions}::text[])
        AND jsonb_array_length(f.fields) > 0 AND ${after('a.at', 'change', 'a.id')}
      ORDER BY a.at DESC, a.id DESC LIMIT $2)`);
  }
  const text = `SELECT t.kind, to_char(t.at AT TIME ZONE 'UTC', ${AT_TEXT}) AS at_text, t.id, t.title, t.details
     FROM (${parts.join('\n UNION ALL \n')}) t
     ORDER BY t.at DESC, t.kind DESC, t.id DESC LIMIT $2`;
  // The text depends only on the kinds and whether a cursor is given: prepared on the pool, it is
  // planned once per connection (planning was ~0.4 ms of each 360 view).
  type Row = { kind: TimelineKind; at_text: string; id: number; title: string; details: Record<string, unknown> };
  const result = await queryPrepared<Row>(sql, text, args);
  const rows = result.rows.map((r) => ({ kind: r.kind, at: r.at_text, id: Number(r.id), title: r.title, details: r.details }));
  return { items: rows.slice(0, q.limit), more: rows.length > q.limit };
}
