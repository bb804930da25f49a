import type { Sql } from '../../platform/db/index.js';
import { TOTAL_CAP } from '../../platform/records/index.js';
import type { AuditItem, AuditPage, AuditQuery } from './audit-schemas.js';

interface AuditRow {
  id: number;
  at: Date;
  actor_type: AuditItem['actorType'];
  actor_id: number | null;
  actor_name: string;
  action: string;
  object: string;
  record_id: string;
  changes: Record<string, unknown>;
  ip: string;
  request_id: string;
}

const FILTER_COLUMNS = { action: 'action', actorType: 'actor_type', actorId: 'actor_id', object: 'object', recordId: 'record_id' } as const;

/** Equality filters on indexed columns, newest first; the total is counted up to TOTAL_CAP + 1 only. */
export async function searchAudit(sql: Sql, query: AuditQuery): Promise<AuditPage> {
  const params: unknown[] = [];
  const conditions: string[] = [];
  for (const [name, column] of Object.entries(FILTER_COLUMNS)) {
    const value = query[name as keyof typeof FILTER_COLUMNS];
    if (value === undefined) continue;
    params.push(value);
    conditions.push(`${column} = $${params.length}`);
  }
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const offset = (query.page - 1) * query.pageSize;
  const [rows, count] = await Promise.all([
    sql.query<AuditRow>(
      `SELECT id, at, actor_type, actor_id, actor_name, action, object, record_id, changes, ip, request_id
       FROM audit_log ${where} ORDER BY id DESC LIMIT ${query.pageSize} OFFSET ${offset}`,
      params,
    ),
    sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM audit_log ${where} LIMIT ${TOTAL_CAP + 1}) s`, params),
  ]);
  const n = count.rows[0]?.n ?? 0;
  return { items: rows.rows.map(toAuditItem), page: query.page, pageSize: query.pageSize, total: Math.min(n, TOTAL_CAP), totalCapped: n > TOTAL_CAP };
}

function toAuditItem(row: AuditRow): AuditItem {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    object: row.object,
    recordId: row.record_id,
    changes: row.changes,
    ip: row.ip,
    requestId: row.request_id,
  };
}
