/**
 * Per-statement costs during a measured run, from pg_stat_statements. The bench's own embedded
 * cluster gets the library preloaded (ALTER SYSTEM, then a restart by the caller); with
 * DATABASE_URL it is used only when the server already has it.
 */
import type { Database } from '../src/platform/db/index.js';

export interface StatementStat {
  query: string;
  calls: number;
  meanExecMs: number;
  meanPlanMs: number;
  totalMs: number;
}

/** True when statements are tracked; false when the server must restart first (embedded) or cannot. */
export async function enableStatementStats(db: Database, embedded: boolean): Promise<'ready' | 'restart' | 'unavailable'> {
  const preload = (await db.query<{ v: string }>(`SELECT current_setting('shared_preload_libraries') AS v`)).rows[0]!.v;
  if (!preload.includes('pg_stat_statements')) {
    if (!embedded) return 'unavailable';
    await db.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
    await db.query(`ALTER SYSTEM SET pg_stat_statements.track_planning = on`);
    return 'restart';
  }
  await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  return 'ready';
}

export async function resetStatementStats(db: Database, enabled: boolean): Promise<void> {
  if (enabled) await db.query('SELECT pg_stat_statements_reset()');
}

/** The statements of this database that took the most time since the last reset. */
export async function topStatements(db: Database, enabled: boolean, limit = 8): Promise<StatementStat[]> {
  if (!enabled) return [];
  const rows = await db.query<{ query: string; calls: number; mean_exec: number; mean_plan: number; total: number }>(
    `SELECT s.query, s.calls::bigint AS calls, s.mean_exec_time AS mean_exec, s.mean_plan_time AS mean_plan,
            s.total_exec_time + s.total_plan_time AS total
     FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
     WHERE d.datname = current_database() AND s.query NOT LIKE '%pg_stat_%' AND s.query NOT LIKE '%pg_stat_activity%'
     ORDER BY total DESC LIMIT $1`,
    [limit],
  );
  return rows.rows.map((r) => ({ query: r.query.replace(/\s+/g, ' ').trim(), calls: Number(r.calls), meanExecMs: r.mean_exec, meanPlanMs: r.mean_plan, totalMs: r.total }));
}

/** A markdown table: statement, calls per request, mean execution and planning time, share of database time. */
export function statementLines(stats: readonly StatementStat[], requests: number): string[] {
  if (stats.length === 0) return [];
  const total = stats.reduce((sum, s) => sum + s.totalMs, 0);
  const short = (query: string) => {
    const q = query.replace(/^SELECT .{60,}? FROM (\w+) t /, 'SELECT … FROM $1 t ');
    return (q.length > 160 ? `${q.slice(0, 157)}…` : q).replaceAll('|', '\\|');
  };
  return [
    '',
    'Statements (pg_stat_statements over the measured run, top by time):',
    '',
    '| statement | calls / request | mean exec ms | mean plan ms | share of listed time |',
    '|---|---:|---:|---:|---:|',
    ...stats.map((s) => `| \`${short(s.query)}\` | ${(s.calls / Math.max(requests, 1)).toFixed(2)} | ${s.meanExecMs.toFixed(3)} | ${s.meanPlanMs.toFixed(3)} | ${((100 * s.totalMs) / Math.max(total, 1e-9)).toFixed(0)}% |`),
  ];
}
