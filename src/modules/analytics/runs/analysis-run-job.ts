import type { Clock } from '../../../platform/clock.js';
import type { Database } from '../../../platform/db/index.js';
import { isAppError } from '../../../platform/errors/index.js';
import { publish } from '../../../platform/events/index.js';
import { enqueue, type JobHandler, type JobLogger, type Schedule } from '../../../platform/jobs/index.js';
import { AnalysisInputError } from '../analysis-input.js';
import { finishRun, insertRun, setRunProgress, startRun } from './run-repository.js';
import { MODEL_RUNNERS } from './run-registry.js';

export const ANALYSIS_RUN_JOB = 'analytics.run';
export const ANALYSIS_NIGHTLY_JOB = 'analytics.nightly';

/** Every registered model runs each night at 02:30 Asia/Shanghai (before the working day). */
export const analysisNightlySchedule: Schedule = { name: 'analytics-nightly', dailyAt: '02:30', jobName: ANALYSIS_NIGHTLY_JOB };

interface JobDeps {
  db: Database;
  clock: Clock;
  logger?: JobLogger;
}

/** Queues a run's job in the caller's transaction (one job per run: the key is the run id). */
export async function enqueueRun(sql: Parameters<typeof enqueue>[0], runId: number, clock: Clock): Promise<void> {
  // One attempt: a failed model run is recorded as failed; the next request or night runs it again.
  await enqueue(sql, { name: ANALYSIS_RUN_JOB, payload: { runId }, uniqueKey: `analysis-run:${runId}`, maxAttempts: 1 }, clock);
}

function runIdOf(payload: unknown): number {
  const runId = (payload as { runId?: unknown } | null)?.runId;
  if (typeof runId !== 'number' || !Number.isSafeInteger(runId)) throw new TypeError('analytics.run payload needs a numeric runId');
  return runId;
}

/**
 * Handler of `analytics.run`: marks the run running, lets the model's runner work (progress 0–1 is
 * stored as it goes, visible to pollers), then stores the summary, or the error code and message.
 * A run already finished is left alone (at-least-once delivery).
 */
export function analysisRunJob(deps: JobDeps): JobHandler {
  return async (payload) => {
    const runId = runIdOf(payload);
    const run = await startRun(deps.db, runId, deps.clock.now());
    if (run === null) return;
    try {
      const runner = MODEL_RUNNERS.get(run.model);
      if (runner === undefined) throw new Error(`no runner for model ${run.model}`);
      const summary = await runner.run({ db: deps.db, clock: deps.clock, runId }, runner.parseParams(run.params), (p) => setRunProgress(deps.db, runId, p));
      await deps.db.tx(async (sql) => {
        await finishRun(sql, runId, { summary }, deps.clock.now());
        await publish(sql, { topic: 'analysis.run_succeeded', aggregateType: 'analysis_run', aggregateId: String(runId), payload: { runId, model: run.model } }, deps.clock);
      });
      deps.logger?.info({ runId, model: run.model }, 'analysis run succeeded');
    } catch (error) {
      // Too little data and the like are input errors of the analysis: keep their stable code.
      const errorCode = isAppError(error) || error instanceof AnalysisInputError ? error.code : 'analysis.failed';
      await finishRun(deps.db, runId, { errorCode, errorMessage: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }, deps.clock.now());
      deps.logger?.error({ runId, model: run.model, errorCode }, 'analysis run failed');
    }
  };
}

/** Handler of `analytics.nightly`: one queued run (and its job) per registered model, nightly params; requested_by is null. */
export function analysisNightlyJob(deps: JobDeps): JobHandler {
  return async () => {
    await deps.db.tx(async (sql) => {
      for (const runner of MODEL_RUNNERS.values()) {
        const run = await insertRun(sql, { model: runner.model, params: runner.nightlyParams(), requestedBy: null, now: deps.clock.now() });
        await enqueueRun(sql, run.id, deps.clock);
      }
    });
  };
}
