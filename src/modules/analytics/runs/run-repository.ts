import type { Sql } from '../../../platform/db/index.js';

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface AnalysisRun {
  id: number;
  model: string;
  status: RunStatus;
  progress: number;
  params: Record<string, unknown>;
  summary: Record<string, unknown> | null;
  errorCode: string | null;
  errorMessage: string | null;
  requestedBy: number | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const COLUMNS = `id::int, model, status, progress, params, summary, error_code AS "errorCode", error_message AS "errorMessage",
  requested_by::int AS "requestedBy", created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt"`;

export async function insertRun(sql: Sql, run: { model: string; params: unknown; requestedBy: number | null; now: Date }): Promise<AnalysisRun> {
  const result = await sql.query<AnalysisRun>(`INSERT INTO analysis_runs (model, params, requested_by, created_at) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`, [
    run.model,
    JSON.stringify(run.params),
    run.requestedBy,
    run.now,
  ]);
  return result.rows[0]!;
}

export async function findRun(sql: Sql, id: number): Promise<AnalysisRun | null> {
  return (await sql.query<AnalysisRun>(`SELECT ${COLUMNS} FROM analysis_runs WHERE id = $1`, [id])).rows[0] ?? null;
}

/** Newest first (index analysis_runs_model_created_idx). */
export async function listRuns(sql: Sql, filter: { model?: string; limit: number }): Promise<AnalysisRun[]> {
  const result = await sql.query<AnalysisRun>(
    `SELECT ${COLUMNS} FROM analysis_runs WHERE ($1::text IS NULL OR model = $1) ORDER BY created_at DESC, id DESC LIMIT $2`,
    [filter.model ?? null, filter.limit],
  );
  return result.rows;
}

/** queued (or running again after a crash) → running; null when the run is already finished. */
export async function startRun(sql: Sql, id: number, now: Date): Promise<AnalysisRun | null> {
  const result = await sql.query<AnalysisRun>(
    `UPDATE analysis_runs SET status = 'running', progress = 0, started_at = $2, error_code = NULL, error_message = NULL
     WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${COLUMNS}`,
    [id, now],
  );
  return result.rows[0] ?? null;
}

export async function setRunProgress(sql: Sql, id: number, progress: number): Promise<void> {
  await sql.query(`UPDATE analysis_runs SET progress = $2 WHERE id = $1 AND status = 'running'`, [id, Math.min(1, Math.max(0, progress))]);
}

export async function finishRun(sql: Sql, id: number, outcome: { summary: Record<string, unknown> } | { errorCode: string; errorMessage: string }, now: Date): Promise<void> {
  if ('summary' in outcome) {
    await sql.query(`UPDATE analysis_runs SET status = 'succeeded', progress = 1, summary = $2, finished_at = $3 WHERE id = $1`, [id, JSON.stringify(outcome.summary), now]);
  } else {
    await sql.query(`UPDATE analysis_runs SET status = 'failed', error_code = $2, error_message = $3, finished_at = $4 WHERE id = $1`, [id, outcome.errorCode, outcome.errorMessage.slice(0, 1000), now]);
  }
}
