import type { Clock } from '../../platform/clock.js';
import type { Database, Sql } from '../../platform/db/index.js';
import type { JobHandler, JobLogger, Schedule } from '../../platform/jobs/index.js';

export const RETENTION_DATA_TYPES = ['events', 'ingested_messages'] as const;
export type RetentionDataType = (typeof RETENTION_DATA_TYPES)[number];
export const KEEP_DAYS_MIN = 1;
export const KEEP_DAYS_MAX = 3650;
export const RETENTION_BATCH = 10_000;
const DAY_MS = 86_400_000;

/** Per data type: the table and its time column. Fixed here, never taken from input. */
const TARGETS: Record<RetentionDataType, { table: string; key: string; time: string }> = {
  events: { table: 'events', key: '(customer_id, id)', time: 'occurred_at' },
  ingested_messages: { table: 'ingested_messages', key: '(source_id, message_id)', time: 'received_at' },
};

export interface RetentionRule {
  dataType: RetentionDataType;
  keepDays: number;
  updatedAt: string | null;
}

export async function readRetentionRules(sql: Sql): Promise<RetentionRule[]> {
  const rows = await sql.query<{ data_type: RetentionDataType; keep_days: number; updated_at: Date | null }>(
    'SELECT data_type, keep_days, updated_at FROM retention_rules ORDER BY data_type',
  );
  return rows.rows.map((r) => ({ dataType: r.data_type, keepDays: r.keep_days, updatedAt: r.updated_at?.toISOString() ?? null }));
}

export async function writeRetentionRule(sql: Sql, dataType: RetentionDataType, keepDays: number, userId: number, now: Date): Promise<number | null> {
  const old = await sql.query<{ keep_days: number }>('SELECT keep_days FROM retention_rules WHERE data_type = $1 FOR UPDATE', [dataType]);
  await sql.query(
    `INSERT INTO retention_rules (data_type, keep_days, updated_at, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (data_type) DO UPDATE SET keep_days = EXCLUDED.keep_days, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [dataType, keepDays, now, userId],
  );
  return old.rows[0]?.keep_days ?? null;
}

/**
 * Deletes rows older than their rule (`time < now − keep_days`), at most `batchSize` rows per
 * statement and looped, so no statement holds locks on millions of rows. Each batch commits on
 * its own (autocommit): an interrupted run leaves less to do, never a half-deleted batch.
 */
export async function applyRetention(sql: Sql, now: Date, batchSize = RETENTION_BATCH): Promise<Record<RetentionDataType, number>> {
  const rules = await readRetentionRules(sql);
  const counts = Object.fromEntries(RETENTION_DATA_TYPES.map((t) => [t, 0])) as Record<RetentionDataType, number>;
  for (const rule of rules) {
    const target = TARGETS[rule.dataType];
    const cutoff = new Date(now.getTime() - rule.keepDays * DAY_MS);
    for (;;) {
      const deleted = await sql.query(
        `DELETE FROM ${target.table} WHERE ${target.key} IN (SELECT ${target.key.slice(1, -1)} FROM ${target.table} WHERE ${target.time} < $1 LIMIT $2)`,
        [cutoff, batchSize],
      );
      const n = deleted.rowCount ?? 0;
      counts[rule.dataType] += n;
      if (n < batchSize) break;
    }
  }
  return counts;
}

/** For src/server/worker.ts: run the retention job every night at 03:30 Asia/Shanghai. */
export const retentionSchedule: Schedule = { name: 'privacy-retention', dailyAt: '03:30', jobName: 'privacy.retention' };

/** Handler of `privacy.retention` (idempotent: a rerun deletes what is still too old). */
export function retentionJob(deps: { db: Database; clock: Clock; logger?: JobLogger }): JobHandler {
  return async () => {
    const counts = await applyRetention(deps.db, deps.clock.now());
    deps.logger?.info({ counts }, 'privacy retention applied');
  };
}
