import { type RecordDeps, RecordService, type RequestContext, type RowScope } from '../../platform/records/index.js';
import { customerObject, INDUSTRY_OPTIONS, LEVEL_OPTIONS, SOURCE_OPTIONS } from '../customers/index.js';
import { clusterRunView } from './cluster-run-view.js';
import { cohortTable, firstCohortMonth } from './cohort-table.js';
import { pruneSnapshots, readSnapshot, scopeKey, type SnapshotKind, snapshotFresh, writeSnapshot } from './insight-snapshots.js';
import { churnCounts, clusterSizesInScope, clvBuckets, cohortCounts, latestClusterRun, portraitCounts } from './insights-repository.js';
import { buildPortrait, PORTRAIT_DIMENSIONS, type PortraitDimension } from './portrait.js';
import { churnDistribution, clvHistogram } from './score-distributions.js';

const FIELD_OF: Record<PortraitDimension, string> = { province: 'regionCode', industry: 'industry', source: 'source', level: 'level' };
const CLV_BUCKETS = 10;
/** The dashboard's cohort table (the route's default). */
export const DEFAULT_COHORT_MONTHS = 12;
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

  /** A fresh compiler (parameters accumulate per statement) and the scope condition (the caller's, or everyone's). */
  private scoped(ctx: RequestContext | null) {
    if (ctx) this.customers.require(ctx, 'read');
    const compiler = this.customers.compiler([]);
    const scope: RowScope = ctx ? this.customers.scope(ctx) : { owners: null, userId: 0 };
    return { compiler, where: compiler.scope(scope) };
  }

  /**
   * The answer for this scope and these parameters from `insight_snapshots` while fresh (an hour, and
   * no newer finished analysis run), else computed and stored. `refresh` recomputes at once.
   */
  private async snapshot<T extends object>(ctx: RequestContext | null, kind: SnapshotKind, params: string, refresh: boolean, compute: () => Promise<T>): Promise<T & { computedAt: string }> {
    const { compiler, where } = this.scoped(ctx);
    const key = scopeKey(where, compiler.parameters);
    const now = this.deps.clock.now();
    if (!refresh) {
      const kept = await readSnapshot(this.deps.db, kind, key, params);
      if (kept && snapshotFresh(kept.computedAt, now, kept.lastRunAt)) return { ...(kept.body as T), computedAt: kept.computedAt.toISOString() };
    }
    const body = await compute();
    await writeSnapshot(this.deps.db, kind, key, params, body, now);
    return { ...body, computedAt: now.toISOString() };
  }

  async portrait(ctx: RequestContext, refresh = false) {
    this.customers.require(ctx, 'read');
    const visible = new Set(PORTRAIT_DIMENSIONS.filter((d) => ctx.access.field(customerObject.name, FIELD_OF[d]).access !== 'hidden'));
    return this.portraitOf(ctx, visible, refresh);
  }

  private portraitOf(ctx: RequestContext | null, visible: ReadonlySet<PortraitDimension>, refresh: boolean) {
    return this.snapshot(ctx, 'portrait', [...visible].join(','), refresh, async () => {
      const { compiler, where } = this.scoped(ctx);
      const rows = await portraitCounts(this.deps.db, compiler, where, [...visible]);
      return buildPortrait(rows, { industry: INDUSTRY_OPTIONS, source: SOURCE_OPTIONS, level: LEVEL_OPTIONS }, visible);
    });
  }

  cohorts(ctx: RequestContext | null, months: number, refresh = false) {
    const current = shanghaiMonth(this.deps.clock.now());
    return this.snapshot(ctx, 'cohorts', `${months}:${current}`, refresh, async () => {
      const { compiler, where } = this.scoped(ctx);
      const from = firstCohortMonth(current, months);
      const rows = await this.deps.db.tx(async (sql) => {
        await sql.query(`SET LOCAL work_mem = '${AGGREGATE_WORK_MEM}'`);
        return cohortCounts(sql, compiler, where, `${from}-01`);
      });
      return { months, timeZone: 'Asia/Shanghai', cohorts: cohortTable(rows, current, months) };
    });
  }

  distributions(ctx: RequestContext | null, refresh = false) {
    return this.snapshot(ctx, 'distributions', '', refresh, async () => {
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
    });
  }

  /**
   * Recomputes the whole-company snapshots (every dimension, 12 cohort months) — what an admin opens —
   * and drops snapshots nobody refreshed for a week. Run nightly after the analyses.
   */
  async warm(): Promise<void> {
    await this.portraitOf(null, new Set(PORTRAIT_DIMENSIONS), true);
    await this.cohorts(null, DEFAULT_COHORT_MONTHS, true);
    await this.distributions(null, true);
    await pruneSnapshots(this.deps.db, this.deps.clock.now());
  }
}
