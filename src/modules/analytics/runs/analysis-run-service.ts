import { appendAudit } from '../../../platform/audit/index.js';
import { AppError } from '../../../platform/errors/index.js';
import type { ObjectAction } from '../../../platform/permissions/index.js';
import { auditEntry, type RecordDeps, type RequestContext } from '../../../platform/records/index.js';
import { enqueueRun } from './analysis-run-job.js';
import { type AnalysisRun, findRun, insertRun, listRuns } from './run-repository.js';
import { modelRunner } from './run-registry.js';

/**
 * Runs are an object of their own for permissions: admins, or roles granted `analysis` read (see
 * runs) / create (start runs). Deny unless granted.
 */
export const ANALYSIS_OBJECT = 'analysis';

export function requireAnalysis(ctx: RequestContext, action: ObjectAction): void {
  if (!ctx.access.can(ANALYSIS_OBJECT, action)) throw new AppError('permission.denied');
}

/** Request, read and list analysis runs; the work itself happens in the `analytics.run` job. */
export class AnalysisRunService {
  constructor(private readonly deps: RecordDeps) {}

  /** Validates the model and its params, stores a queued run and its job, audited — one transaction. */
  async request(ctx: RequestContext, model: string, rawParams: unknown): Promise<AnalysisRun> {
    requireAnalysis(ctx, 'create');
    const runner = modelRunner(model);
    const params = runner.parseParams(rawParams);
    const now = this.deps.clock.now();
    return this.deps.db.tx(async (sql) => {
      const run = await insertRun(sql, { model, params, requestedBy: ctx.access.actor.userId, now });
      await enqueueRun(sql, run.id, this.deps.clock);
      await appendAudit(sql, [auditEntry(ctx, now, 'analysis_run.create', 'analysis_run', String(run.id), { model, params })]);
      return run;
    });
  }

  async get(ctx: RequestContext, id: number): Promise<AnalysisRun> {
    requireAnalysis(ctx, 'read');
    const run = await findRun(this.deps.db, id);
    if (run === null) throw new AppError('record.not_found');
    return run;
  }

  async list(ctx: RequestContext, filter: { model?: string; limit: number }): Promise<AnalysisRun[]> {
    requireAnalysis(ctx, 'read');
    return listRuns(this.deps.db, filter);
  }
}
