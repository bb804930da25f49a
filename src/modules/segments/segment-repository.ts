import type { Sql } from '../../platform/db/index.js';
import type { ReferencedSegment } from './rule-compiler.js';
import type { SegmentRule } from './segment-rule.js';

export type SegmentKind = 'dynamic' | 'static';

export interface SegmentRow {
  id: number;
  name: string;
  description: string;
  kind: SegmentKind;
  rule: SegmentRule;
  refs: number[];
  member_count: number;
  refreshed_at: Date | null;
  owner_id: number;
  owner_name: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface SegmentInput {
  name: string;
  description: string;
  kind: SegmentKind;
  rule: SegmentRule;
  refs: number[];
}

const COLUMNS = `s.id::int AS id, s.name, s.description, s.kind, s.rule, s.refs::int[] AS refs, s.member_count, s.refreshed_at,
  s.owner_id::int AS owner_id, u.name AS owner_name, s.created_at, s.updated_at`;

/** Segments by id with every segment they refer to, transitively (the compiler's input). */
export async function loadReferenced(sql: Sql, ids: readonly number[]): Promise<Map<number, ReferencedSegment>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.query<{ id: number; kind: SegmentKind; rule: SegmentRule }>(
    `WITH RECURSIVE r AS (
       SELECT id, refs FROM segments WHERE id = ANY($1::bigint[])
       UNION SELECT s.id, s.refs FROM segments s JOIN r ON s.id = ANY(r.refs)
     )
     SELECT s.id::int AS id, s.kind, s.rule FROM segments s WHERE s.id IN (SELECT id FROM r)`,
    [ids],
  );
  return new Map(rows.rows.map((r) => [r.id, { kind: r.kind, rule: r.rule }]));
}

export async function findSegment(sql: Sql, id: number, lock = false): Promise<SegmentRow | undefined> {
  const rows = await sql.query<SegmentRow>(
    `SELECT ${COLUMNS} FROM segments s LEFT JOIN users u ON u.id = s.owner_id WHERE s.id = $1${lock ? ' FOR UPDATE OF s' : ''}`,
    [id],
  );
  return rows.rows[0];
}

export async function listSegments(sql: Sql, page: number, pageSize: number): Promise<{ rows: SegmentRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    sql.query<SegmentRow>(`SELECT ${COLUMNS} FROM segments s LEFT JOIN users u ON u.id = s.owner_id ORDER BY s.id DESC LIMIT $1 OFFSET $2`, [pageSize, (page - 1) * pageSize]),
    sql.query<{ n: number }>('SELECT count(*)::int AS n FROM segments'),
  ]);
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

export async function dynamicSegmentIds(sql: Sql): Promise<number[]> {
  const rows = await sql.query<{ id: number }>(`SELECT id::int AS id FROM segments WHERE kind = 'dynamic' ORDER BY id`);
  return rows.rows.map((r) => r.id);
}

export async function insertSegment(sql: Sql, input: SegmentInput, userId: number, now: Date): Promise<number> {
  const rows = await sql.query<{ id: number }>(
    `INSERT INTO segments (name, description, kind, rule, refs, owner_id, created_by, updated_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $6, $7, $7) RETURNING id::int AS id`,
    [input.name, input.description, input.kind, JSON.stringify(input.rule), input.refs, userId, now],
  );
  return rows.rows[0]!.id;
}

export async function updateSegment(sql: Sql, id: number, input: SegmentInput, userId: number, now: Date): Promise<void> {
  await sql.query(
    `UPDATE segments SET name = $2, description = $3, kind = $4, rule = $5, refs = $6, updated_by = $7, updated_at = $8 WHERE id = $1`,
    [id, input.name, input.description, input.kind, JSON.stringify(input.rule), input.refs, userId, now],
  );
}

/** Segments whose rules refer to `id` (a delete would break them). */
export async function referrers(sql: Sql, id: number): Promise<number[]> {
  const rows = await sql.query<{ id: number }>('SELECT id::int AS id FROM segments WHERE refs @> ARRAY[$1::bigint] ORDER BY id', [id]);
  return rows.rows.map((r) => r.id);
}

export async function deleteSegment(sql: Sql, id: number): Promise<void> {
  await sql.query('DELETE FROM segment_members WHERE segment_id = $1', [id]);
  await sql.query('DELETE FROM segments WHERE id = $1', [id]);
}

/** Serialises refreshes of one segment (event-driven, sweep, on demand) until the transaction ends. */
export async function lockSegmentRefresh(sql: Sql, id: number): Promise<void> {
  await sql.query(`SELECT pg_advisory_xact_lock(hashtext('segment-refresh'), $1::int)`, [id]);
}

export interface MembershipChange {
  entered: number[];
  exited: number[];
}

/**
 * Set-based membership refresh in ONE statement: inserts the customers `where` selects that are
 * not members yet, deletes members it no longer selects (among `candidates` only, when given).
 * `where` and `params` come from the rule compiler; `$seg`, `$now` … are added by the caller's
 * `param` on the same compiler.
 */
export async function applyMembership(
  sql: Sql,
  statement: { where: string; params: unknown[]; segment: string; now: string; candidates?: string },
): Promise<MembershipChange> {
  const only = statement.candidates ? ` AND t.id = ANY(${statement.candidates}::bigint[])` : '';
  const onlyMembers = statement.candidates ? ` AND m.customer_id = ANY(${statement.candidates}::bigint[])` : '';
  const rows = await sql.query<{ kind: 'entered' | 'exited'; customer_id: number }>(
    `WITH target AS MATERIALIZED (SELECT t.id FROM customers t WHERE ${statement.where}${only}),
     entered AS (
       INSERT INTO segment_members (segment_id, customer_id, entered_at)
       SELECT ${statement.segment}::bigint, id, ${statement.now}::timestamptz FROM target
       ON CONFLICT (segment_id, customer_id) DO NOTHING RETURNING customer_id
     ),
     exited AS (
       DELETE FROM segment_members m WHERE m.segment_id = ${statement.segment}::bigint${onlyMembers}
         AND NOT EXISTS (SELECT 1 FROM target WHERE target.id = m.customer_id) RETURNING m.customer_id
     )
     SELECT 'entered' AS kind, customer_id::int AS customer_id FROM entered
     UNION ALL SELECT 'exited', customer_id::int FROM exited`,
    statement.params,
  );
  const change: MembershipChange = { entered: [], exited: [] };
  for (const row of rows.rows) change[row.kind].push(row.customer_id);
  return change;
}

/** Stores the member count: exact after a full refresh (`delta` null), else adjusted by `delta`. */
export async function recordRefresh(sql: Sql, id: number, now: Date, delta: number | null): Promise<void> {
  if (delta === null) {
    await sql.query(`UPDATE segments SET member_count = (SELECT count(*) FROM segment_members WHERE segment_id = $1), refreshed_at = $2 WHERE id = $1`, [id, now]);
  } else if (delta !== 0) {
    await sql.query('UPDATE segments SET member_count = member_count + $2 WHERE id = $1', [id, delta]);
  }
}

export async function countWhere(sql: Sql, where: string, params: unknown[]): Promise<number> {
  const rows = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM customers t WHERE ${where}`, params);
  return Number(rows.rows[0]?.n ?? 0);
}
