import { type RecordDeps, RecordService, type RequestContext } from '../../platform/records/index.js';
import { customerObject, INDUSTRY_OPTIONS, LEVEL_OPTIONS, SOURCE_OPTIONS } from '../customers/index.js';
import { clusterRunView } from './cluster-run-view.js';
import { cohortTable, firstCohortMonth } from './cohort-table.js';
import { churnCounts, clusterSizesInScope, clvBuckets, cohortCounts, latestClusterRun, portraitCounts } from './insights-repository.js';
import { buildPortrait, PORTRAIT_DIMENSIONS, type PortraitDimension } from './portrait.js';
import { churnDistribution, clvHistogram } from './score-distributions.js';

const FIELD_OF: Record<PortraitDimension, string> = { province: 'regionCode', industry: 'industry', source: 'source', level: 'level' };
const CLV_BUCKETS = 10;
/** The cohort statement hashes customer-months of a whole year; the 4 MB default spills them to disk. */
const AGGREGATE_WORK_MEM = '64MB';

/** The current month (YYYY-MM) in Asia/Shanghai. */
function shanghaiMonth(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/**
 * The customer-insights dashboard's aggregates, each over the customers in the caller's data scope
 * (record layer: owners in scope plus team membership) and needing read on customers; a portrait
 * dimension whose field the caller may not see is left out.
 */
export class InsightsService {
  private readonly customers: RecordService;

  constructor(private readonly deps: RecordDeps) {
    this.customers = new RecordService(deps, customerObject);
  }

  /** A fresh compiler (parameters accumulate per statement) and the caller's scope condition. */
  private scoped(ctx: RequestContext) {
    this.customers.require(ctx, 'read');
    const compiler = this.customers.compiler([]);
    return { compiler, where: compiler.scope(this.customers.scope(ctx)) };
  }

  async portrait(ctx: RequestContext) {
    const { compiler, where } = this.scoped(ctx);
    const visible = new Set(PORTRAIT_DIMENSIONS.filter((d) => ctx.access.field(customerObject.name, FIELD_OF[d]).access !== 'hidden'));
    const rows = await portraitCounts(this.deps.db, compiler, where, [...visible]);
    return buildPortrait(rows, { industry: INDUSTRY_OPTIONS, source: SOURCE_OPTIONS, level: LEVEL_OPTIONS }, visible);
  }

  async cohorts(ctx: RequestContext, months: number) {
    const { compiler, where } = this.scoped(ctx);
    const current = shanghaiMonth(this.deps.clock.now());
    const from = firstCohortMonth(current, months);
    const rows = await this.deps.db.tx(async (sql) => {
      await sql.query(`SET LOCAL work_mem = '${AGGREGATE_WORK_MEM}'`);
      return cohortCounts(sql, compiler, where, `${from}-01`);
    });
    return { months, timeZone: 'Asia/Shanghai', cohorts: cohortTable(rows, current, months) };
  }

  async distributions(ctx: RequestContext) {
    this.customers.require(ctx, 'read');
    const clv = this.scoped(ctx);
    const churn = this.scoped(ctx);
    const [clvRows, churnRows, run] = await Promise.all([
      clvBuckets(this.deps.db, clv.compiler, clv.where, CLV_BUCKETS),
      churnCounts(this.deps.db, churn.compiler, churn.where),
      latestClusterRun(this.deps.db),
    ]);
    let clusters = null;
    if (run !== null) {
      const sizes = this.scoped(ctx);
      clusters = clusterRunView(run, await clusterSizesInScope(this.deps.db, sizes.compiler, sizes.where, run.id));
    }
    return { clv: clvHistogram(clvRows, CLV_BUCKETS), churn: churnDistribution(churnRows), clusters };
  }
}
