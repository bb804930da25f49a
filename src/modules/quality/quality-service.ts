/**
 * The data-quality report (who may see it, over which customers) and the recompute request.
 * Viewers: admins, or users whose roles grant export on customers. Counts and examples cover the
 * customers in the viewer's row scope and only the fields the viewer may see.
 */
import { appendAudit } from '../../platform/audit/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { AppDeps } from '../../platform/http/index.js';
import { enqueue } from '../../platform/jobs/index.js';
import { auditEntry, RecordService, type RequestContext } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { QUALITY_JOB } from './quality-recompute.js';
import { buildQualityReport, type QualityReport } from './quality-report.js';
import { countDuplicates, countFilled, countIssues, lastRun } from './quality-repository.js';
import { QUALITY_FIELDS, type QualityField } from './quality-rules.js';

// Report field → customer field whose visibility decides whether the viewer sees its row.
const CUSTOMER_FIELD: Record<QualityField, string> = {
  mobile: 'mobile',
  email: 'email',
  idNumber: 'idNumber',
  name: 'name',
  address: 'address',
  region: 'regionCode',
  creditCode: 'creditCode',
};

export class QualityService {
  private readonly customers: RecordService;

  constructor(private readonly deps: AppDeps) {
    this.customers = new RecordService(deps, customerObject);
  }

  private requireViewer(ctx: RequestContext): void {
    if (!ctx.access.isAdmin && !ctx.access.can('customer', 'export')) throw new AppError('permission.denied');
  }

  async report(ctx: RequestContext): Promise<QualityReport> {
    this.requireViewer(ctx);
    const visible = new Set((await this.customers.fields(ctx)).map((f) => f.key));
    const fields = QUALITY_FIELDS.filter((f) => visible.has(CUSTOMER_FIELD[f]));
    const compiler = this.customers.compiler([]);
    const scope = compiler.scope(this.customers.scope(ctx));
    const params = compiler.parameters;
    const [counts, issues, duplicates, run] = await Promise.all([
      countFilled(this.deps.db, fields, scope, params),
      countIssues(this.deps.db, fields, scope, params),
      countDuplicates(this.deps.db, fields, scope, params),
      lastRun(this.deps.db),
    ]);
    return buildQualityReport(fields, counts, issues, duplicates, run);
  }

  /** Admin only: queue a recompute of every customer's flags; audited. */
  async requestRecompute(ctx: RequestContext): Promise<{ jobId: number }> {
    if (!ctx.access.isAdmin) throw new AppError('permission.denied');
    const now = this.deps.clock.now();
    return this.deps.db.tx(async (sql) => {
      const jobId = await enqueue(sql, { name: QUALITY_JOB, payload: { requestedBy: ctx.access.actor.userId } }, this.deps.clock);
      await appendAudit(sql, [auditEntry(ctx, now, 'quality.recompute', 'customer', '*', { jobId })]);
      return { jobId: jobId! };
    });
  }
}
