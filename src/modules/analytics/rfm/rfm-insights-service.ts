import { type RecordDeps, RecordService, type RequestContext } from '../../../platform/records/index.js';
import { customerObject } from '../../customers/index.js';
import { rfmGrid } from './rfm-insights.js';
import { type RfmMemberFilter, rfmCellSums, rfmMembers } from './rfm-repository.js';

/**
 * The RFM grid and its members as the caller may see them: only customers in the caller's data scope
 * (owner scope or team membership, the record layer's rule) count; needs read on customers.
 */
export class RfmInsightsService {
  private readonly customers: RecordService;

  constructor(private readonly deps: RecordDeps) {
    this.customers = new RecordService(deps, customerObject);
  }

  async grid(ctx: RequestContext) {
    this.customers.require(ctx, 'read');
    const compiler = this.customers.compiler([]);
    const scope = compiler.scope(this.customers.scope(ctx));
    return rfmGrid(await rfmCellSums(this.deps.db, compiler, scope));
  }

  async members(ctx: RequestContext, filter: Omit<RfmMemberFilter, 'withName'>) {
    this.customers.require(ctx, 'read');
    const compiler = this.customers.compiler([]);
    const scope = compiler.scope(this.customers.scope(ctx));
    const withName = ctx.access.field(customerObject.name, 'name').access !== 'hidden';
    const page = await rfmMembers(this.deps.db, compiler, scope, { ...filter, withName });
    return { total: page.total, page: filter.page, pageSize: filter.pageSize, items: page.rows.map((row) => ({ ...row, computedAt: row.computedAt.toISOString() })) };
  }
}
