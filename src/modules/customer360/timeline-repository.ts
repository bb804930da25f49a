import type { SqlParam } from '../../platform/records/index.js';
import type { TimelineCursor, TimelineKind } from './timeline-cursor.js';

export interface TimelineItem {
  kind: TimelineKind;
  /** ISO time with microseconds. */
  at: string;
  id: number;
  title: string;
  details: Record<string, unknown>;
}

/** What one page asks for (the customer is the statement's, see `timelineJsonSql`). */
export interface TimelineQuery {
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
 * The rows of one timeline page plus one (it tells whether a page follows), newest first, ordered by
 * (at, kind, id) descending, as a SELECT with columns kind, at_text, id, title, details: each source
 * is read with its own LIMIT after the cursor and the pieces are merged by UNION ALL … ORDER BY …
 * LIMIT. `key` is the SQL expression of the customer's id. Null when no kind is asked for.
 */
function timelineRowsSql(q: TimelineQuery, key: string, param: SqlParam): string | null {
  if (q.kinds.length === 0) return null;
  const limit = `${param(q.limit + 1)}::int`;
  let after = (_at: string, _kind: string, _id: string) => 'TRUE';
  if (q.cursor) {
    const [at, kind, id] = [param(q.cursor.at), param(q.cursor.kind), param(q.cursor.id)];
    after = (col, k, idCol) => `${col} <= ${at}::timestamptz AND (${col}, '${k}'::text, ${idCol}) < (${at}::timestamptz, ${kind}::text, ${id}::bigint)`;
  }
  const parts: string[] = [];
  if (q.kinds.includes('event')) {
    parts.push(`(SELECT 'event'::text AS kind, e.occurred_at AS at, e.id, coalesce(nullif(e.name, ''), e.type) AS title,
        jsonb_build_object('type', e.type, 'name', e.name, 'properties', e.properties) AS details
      FROM events e WHERE e.customer_id = ${key} AND ${after('e.occurred_at', 'event', 'e.id')}
      ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${limit})`);
  }
  if (q.kinds.includes('order')) {
    parts.push(`(SELECT 'order'::text AS kind, o.ordered_at AS at, o.id, o.order_no AS title,
        jsonb_build_object('orderNo', o.order_no, 'amount', o.amount, 'channel', o.channel, 'store', o.store, 'status', o.status) AS details
      FROM orders o WHERE o.customer_id = ${key} AND ${after('o.ordered_at', 'order', 'o.id')}
      ORDER BY o.ordered_at DESC, o.id DESC LIMIT ${limit})`);
  }
  if (q.kinds.includes('change')) {
    const visible = param([...q.visibleKeys]);
    const values = param([...q.valueKeys]);
    const actions = param([...CHANGE_ACTIONS]);
    // Only visible field keys are named; values only for non-sensitive, unmasked fields; an entry
    // that changed nothing the caller may see does not appear at all.
    parts.push(`(SELECT 'change'::text AS kind, a.at, a.id, a.action AS title,
        jsonb_build_object('action', a.action, 'actorName', a.actor_name, 'fields', f.fields, 'values', f.vals) AS details
      FROM audit_log a
      CROSS JOIN LATERAL (
        SELECT coalesce(jsonb_agg(x.k ORDER BY x.k), '[]'::jsonb) AS fields,
               coalesce(jsonb_object_agg(x.k, x.v) FILTER (WHERE x.k = ANY(${values}::text[])), '{}'::jsonb) AS vals
        FROM jsonb_each(CASE WHEN jsonb_typeof(a.changes) = 'object' THEN a.changes ELSE '{}'::jsonb END) AS x(k, v)
        WHERE x.k = ANY(${visible}::text[])
      ) f
      WHERE a.object = 'customer' AND a.record_id = (${key})::text AND a.action = ANY(${actions}::text[])
        AND jsonb_array_length(f.fields) > 0 AND ${after('a.at', 'change', 'a.id')}
      ORDER BY a.at DESC, a.id DESC LIMIT ${limit})`);
  }
  return `SELECT t.kind, to_char(t.at AT TIME ZONE 'UTC', ${AT_TEXT}) AS at_text, t.id, t.title, t.details
     FROM (${parts.join('\n UNION ALL \n')}) t
     ORDER BY t.at DESC, t.kind DESC, t.id DESC LIMIT ${limit}`;
}

/**
 * One timeline page as one JSON array (a scalar sub-select, `[]` when empty) for the customer whose
 * id is the SQL expression `key`, to be read in the statement that reads the customer under the
 * caller's scope (`RecordService.getWith`), so nothing is read about a customer the caller may not
 * see and a page costs one round trip: items as the API shows them, in page order (the fixed-width UTC text of
 * `at` sorts as the time does), plus the extra row.
 */
export function timelineJsonSql(q: TimelineQuery, key: string, param: SqlParam): string {
  const rows = timelineRowsSql(q, key, param);
  if (rows === null) return `'[]'::json`;
  return `(SELECT coalesce(json_agg(json_build_object('kind', p.kind, 'at', p.at_text, 'id', p.id, 'title', p.title, 'details', p.details)
       ORDER BY p.at_text DESC, p.kind DESC, p.id DESC), '[]'::json) FROM (${rows}) p)`;
}
