import type { Sql } from '../db/index.js';
import type { ClaimedJob } from './job-types.js';

/**
 * The worker side of the queue: claim, finish, retry, recover. Every write that ends a run is
 * fenced on (locked_by, attempts): if this run's lock expired and the job was recovered and claimed
 * again, the late result of the old run changes nothing and the call reports false.
 */

export interface ClaimRequest {
  names: readonly string[];
  limit: number;
  workerId: string;
  now: Date;
  lockedUntil: Date;
}

interface ClaimedRow {
  id: number;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

/**
 * Claims up to `limit` due jobs whose names are in `names`, oldest due first. SKIP LOCKED lets
 * many workers claim at once without waiting on or taking each other's rows. The candidate list is
 * a MATERIALIZED CTE so it is computed exactly once; a LIMIT subquery inside `IN (…)` may be
 * re-scanned by some plans, and with SKIP LOCKED a re-scan can pick different rows.
 */
export async function claimJobs(sql: Sql, request: ClaimRequest): Promise<ClaimedJob[]> {
  if (request.limit <= 0 || request.names.length === 0) return [];
  const result = await sql.query<ClaimedRow>(
    `WITH picked AS MATERIALIZED (
       SELECT id FROM jobs
       WHERE status = 'pending' AND due_at <= $1 AND name = ANY($2::text[])
       ORDER BY due_at, id
       LIMIT $3
       FOR UPDATE SKIP LOCKED
     )
     UPDATE jobs SET status = 'running', locked_by = $4, locked_until = $5, attempts = jobs.attempts + 1
     FROM picked WHERE jobs.id = picked.id
     RETURNING jobs.id, jobs.name, jobs.payload, jobs.attempts, jobs.max_attempts`,
    [request.now, request.names, request.limit, request.workerId, request.lockedUntil],
  );
  return result.rows.map((row) => ({
    id: row.id,
    name: row.name,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
  }));
}

/** The run that is finishing: a job id with the worker and attempt number it was claimed with. */
export interface RunFence {
  jobId: number;
  workerId: string;
  attempt: number;
}

const FENCE = `id = $1 AND status = 'running' AND locked_by = $2 AND attempts = $3`;

/** Records success. False when this run no longer owns the job (its lock expired). */
export async function markJobDone(sql: Sql, fence: RunFence, now: Date): Promise<boolean> {
  const result = await sql.query(
    `UPDATE jobs SET status = 'done', finished_at = $4, locked_by = NULL, locked_until = NULL
     WHERE ${FENCE}`,
    [fence.jobId, fence.workerId, fence.attempt, now],
  );
  return result.rowCount === 1;
}

/**
 * Records a failed run: back to pending, due at `retryAt`, while attempts remain; otherwise failed
 * for good. Returns the new status, or null when this run no longer owns the job.
 */
export async function markJobFailed(
  sql: Sql,
  fence: RunFence,
  failure: { error: string; now: Date; retryAt: Date },
): Promise<'pending' | 'failed' | null> {
  const result = await sql.query<{ status: 'pending' | 'failed' }>(
    `UPDATE jobs SET
       status = CASE WHEN attempts < max_attempts THEN 'pending' ELSE 'failed' END,
       due_at = CASE WHEN attempts < max_attempts THEN $5::timestamptz ELSE due_at END,
       finished_at = CASE WHEN attempts < max_attempts THEN NULL ELSE $4::timestamptz END,
       last_error = $6, locked_by = NULL, locked_until = NULL
     WHERE ${FENCE}
     RETURNING status`,
    [fence.jobId, fence.workerId, fence.attempt, failure.now, failure.retryAt, failure.error],
  );
  return result.rows[0]?.status ?? null;
}

/** Pushes the lock of a job that is still running further out, so it is not taken for stale. */
export async function extendJobLock(sql: Sql, fence: RunFence, lockedUntil: Date): Promise<boolean> {
  const result = await sql.query(`UPDATE jobs SET locked_until = $4 WHERE ${FENCE}`, [
    fence.jobId,
    fence.workerId,
    fence.attempt,
    lockedUntil,
  ]);
  return result.rowCount === 1;
}

export interface RecoveredJob {
  id: number;
  status: 'pending' | 'failed';
}

/**
 * Returns running jobs whose lock expired before `now` (their worker crashed or hung) to pending,
 * or marks them failed when that run was their last attempt, so a job that kills its worker every
 * time cannot loop for ever. Rows being updated by a live worker right now are skipped.
 */
export async function recoverStaleJobs(sql: Sql, now: Date): Promise<RecoveredJob[]> {
  const result = await sql.query<RecoveredJob>(
    `WITH stale AS MATERIALIZED (
       SELECT id FROM jobs
       WHERE status = 'running' AND locked_until < $1::timestamptz
       FOR UPDATE SKIP LOCKED
     )
     UPDATE jobs SET
       status = CASE WHEN attempts < max_attempts THEN 'pending' ELSE 'failed' END,
       finished_at = CASE WHEN attempts < max_attempts THEN NULL ELSE $1 END,
       last_error = 'lock expired: worker ' || coalesce(locked_by, '?') || ' did not finish the run',
       locked_by = NULL, locked_until = NULL
     FROM stale WHERE jobs.id = stale.id
     RETURNING jobs.id, jobs.status`,
    [now],
  );
  return result.rows;
}
