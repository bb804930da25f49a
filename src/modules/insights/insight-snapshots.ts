import crypto from 'node:crypto';
import type { Sql } from '../../platform/db/index.js';

export type SnapshotKind = 'portrait' | 'cohorts' | 'distributions';

/** A snapshot is served for at most this long (and never across a newer finished analysis run). */
export const SNAPSHOT_TTL_MS = 3_600_000;

/**
 * The data scope as a key: a hash of the scope condition and its parameters as the record layer
 * builds them for the caller (owners in scope, team membership), so callers who see the same rows
 * share snapshots and nobody is served another scope's figures.
 */
export function scopeKey(scopeWhere: string, parameters: readonly unknown[]): string {
  return crypto.hash('sha256', `${scopeWhere}\u0000${JSON.stringify(parameters)}`, 'hex').slice(0, 32);
}

/** Is a snapshot computed at `computedAt` still servable at `now`, given the newest finished analysis run? */
export function snapshotFresh(computedAt: Date, now: Date, lastRunAt: Date | null): boolean {
  if (now.getTime() - computedAt.getTime() >= SNAPSHOT_TTL_MS || computedAt.getTime() > now.getTime()) return false;
  return lastRunAt === null || computedAt.getTime() >= lastRunAt.getTime();
}

export async function readSnapshot(sql: Sql, kind: SnapshotKind, scope: string, params: string): Promise<{ body: unknown; computedAt: Date; lastRunAt: Date | null } | null> {
  const result = await sql.query<{ body: unknown; computed_at: Date; last_run_at: Date | null }>(
    `SELECT s.body, s.computed_at, (SELECT max(finished_at) FROM analysis_runs WHERE status = 'succeeded') AS last_run_at
     FROM insight_snapshots s WHERE s.kind = $1 AND s.scope_key = $2 AND s.params = $3`,
    [kind, scope, params],
  );
  const row = result.rows[0];
  return row ? { body: row.body, computedAt: row.computed_at, lastRunAt: row.last_run_at } : null;
}

export async function writeSnapshot(sql: Sql, kind: SnapshotKind, scope: string, params: string, body: unknown, computedAt: Date): Promise<void> {
  await sql.query(
    `INSERT INTO insight_snapshots (kind, scope_key, params, body, computed_at) VALUES ($1, $2, $3, $4::jsonb, $5)
     ON CONFLICT (kind, scope_key, params) DO UPDATE SET body = EXCLUDED.body, computed_at = EXCLUDED.computed_at`,
    [kind, scope, params, JSON.stringify(body), computedAt],
  );
}

/** Snapshots not refreshed for a week (scopes nobody opens any more). */
export async function pruneSnapshots(sql: Sql, now: Date): Promise<number> {
  const result = await sql.query(`DELETE FROM insight_snapshots WHERE computed_at < $1::timestamptz - interval '7 days'`, [now]);
  return result.rowCount ?? 0;
}
