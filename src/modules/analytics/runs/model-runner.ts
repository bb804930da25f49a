import type { Clock } from '../../../platform/clock.js';
import type { Database } from '../../../platform/db/index.js';

/** What a runner may use: the database and the injected clock (never `now()` in SQL). */
export interface RunnerDeps {
  db: Database;
  clock: Clock;
  /** The analysis run being computed (stored with results that name their run, e.g. cluster_run_id). */
  runId?: number;
}

/** Reports progress 0–1 of the run in progress (stored at once, outside the runner's transaction). */
export type ReportProgress = (progress: number) => Promise<void>;

/**
 * One model that can run on the database's data as an analysis run (on demand or nightly). Models
 * plug in by adding an entry to MODEL_RUNNERS (see the README: clv, churn, clusters, leadscore …).
 *
 * Example: `{ model: 'rfm', parseParams: (raw) => …, run: async (deps, params, progress) => summary }`.
 */
export interface ModelRunner<P = unknown> {
  model: string;
  /** Params from the API or the schedule, validated; throws AppError `field.invalid_value` (field `params.<name>`). */
  parseParams(raw: unknown): P;
  /** Params of the nightly run. */
  nightlyParams(): P;
  /** Does the work set-based, idempotently (a rerun of the same run must be harmless); returns the run's summary. */
  run(deps: RunnerDeps, params: P, progress: ReportProgress): Promise<Record<string, unknown>>;
}

/** A registry entry: the params parseParams returns are only ever handed back to the same runner's run. */
export type AnyModelRunner = ModelRunner<unknown>;

export function registryEntry<P>(runner: ModelRunner<P>): AnyModelRunner {
  return runner as unknown as AnyModelRunner;
}
