import type { Clock } from '../clock.js';
import type { Sql } from '../db/index.js';
import type { EnqueueRequest } from './job-types.js';

/**
 * All SQL of the job queue. Times always come from the injected clock as parameters (never
 * `now()` in SQL), so tests move time with a ManualClock and every process agrees on one source.
 */

const DEFAULT_MAX_ATTEMPTS = 5;

function checkRequest(request: EnqueueRequest): void {
  if (request.name.length === 0) throw new RangeError('job name must not be empty');
  const max = request.maxAttempts;
  if (max !== undefined && (!Number.isInteger(max) || max < 1)) {
    throw new RangeError(`maxAttempts must be a positive integer, got ${max}`);
  }
}

/**
 * Puts one job on the queue inside the caller's transaction, so it exists only if that transaction
 * commits. Returns the job id, or null when `uniqueKey` is already taken (by a job in any status).
 *
 * @example await db.tx((sql) => enqueue(sql, { name: 'segment.refresh', payload: { segmentId: 7 } }, clock))
 */
export async function enqueue(sql: Sql, request: EnqueueRequest, clock: Clock): Promise<number | null> {
  checkRequest(request);
  const now = clock.now();
  const result = await sql.query<{ id: number }>(
    `INSERT INTO jobs (name, payload, due_at, unique_key, max_attempts, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (unique_key) DO NOTHING
     RETURNING id`,
    [
      request.name,
      JSON.stringify(request.payload ?? {}),
      request.dueAt ?? now,
      request.uniqueKey ?? null,
      request.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      now,
    ],
  );
  return result.rows[0]?.id ?? null;
}

/**
 * Enqueues many jobs in one statement (no round trip per job), with the same rules as `enqueue`.
 * Returns how many were inserted; requests whose unique key was taken (also by an earlier request
 * in the same list) are skipped.
 */
export async function enqueueMany(sql: Sql, requests: readonly EnqueueRequest[], clock: Clock): Promise<number> {
  if (requests.length === 0) return 0;
  requests.forEach(checkRequest);
  const now = clock.now();
  const result = await sql.query(
    `INSERT INTO jobs (name, payload, due_at, unique_key, max_attempts, created_at)
     SELECT name, payload, due_at, unique_key, max_attempts, $6
     FROM unnest($1::text[], $2::jsonb[], $3::timestamptz[], $4::text[], $5::int[])
          AS r (name, payload, due_at, unique_key, max_attempts)
     ON CONFLICT (unique_key) DO NOTHING`,
    [
      requests.map((r) => r.name),
      requests.map((r) => JSON.stringify(r.payload ?? {})),
      requests.map((r) => r.dueAt ?? now),
      requests.map((r) => r.uniqueKey ?? null),
      requests.map((r) => r.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
      now,
    ],
  );
  return result.rowCount ?? 0;
}

/**
 * Retention of finished jobs, one statement: done jobs go after 7 days, failed ones after 30 (kept
 * longer for inspection: their last_error says why). Schedules only enqueue the current slot and
 * published events are never dispatched again, so older unique keys are not needed for dedup.
 */
export async function pruneFinishedJobs(sql: Sql, now: Date): Promise<number> {
  const result = await sql.query(
    `DELETE FROM jobs WHERE finished_at < $1::timestamptz - CASE status WHEN 'done' THEN interval '7 days' ELSE interval '30 days' END
     AND status IN ('done', 'failed')`,
    [now],
  );
  return result.rowCount ?? 0;
}
