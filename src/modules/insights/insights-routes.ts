import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, requestContext, withErrors } from '../../platform/http/index.js';
import { DEFAULT_COHORT_MONTHS, InsightsService } from './insights-service.js';

const Bucket = Type.Object({
  value: Type.Union([Type.String(), Type.Null()], { description: 'option value or 6-digit province code; null = not set' }),
  labelZh: Type.String(),
  labelEn: Type.String(),
  customers: Type.Integer(),
});
const Group = Type.Object({ visible: Type.Boolean({ description: 'false when you may not see the field' }), buckets: Type.Array(Bucket) });
const ComputedAt = Type.String({ description: 'when these figures were computed (UTC); they are kept up to an hour, or until a newer analysis run — ask with refresh=true for new ones' });
const Refresh = Type.Optional(Type.Boolean({ default: false, description: 'recompute now instead of serving the kept figures' }));
const RefreshQuery = Type.Object({ refresh: Refresh }, { additionalProperties: false });
const PortraitDto = Type.Object({ total: Type.Integer(), province: Group, industry: Group, source: Group, level: Group, computedAt: ComputedAt });

const CohortsQuery = Type.Object({ months: Type.Integer({ minimum: 2, maximum: 36, default: DEFAULT_COHORT_MONTHS }), refresh: Refresh }, { additionalProperties: false });
const Retention = Type.Object({ offset: Type.Integer(), customers: Type.Integer(), share: Type.Number() });
const CohortsDto = Type.Object({
  computedAt: ComputedAt,
  months: Type.Integer(),
  timeZone: Type.String(),
  cohorts: Type.Array(
    Type.Object({
      month: Type.String({ description: 'YYYY-MM of the first purchase' }),
      customers: Type.Integer(),
      retention: Type.Array(Type.Union([Retention, Type.Null()]), { description: 'month +1 … +(months − 1); null = not reached yet' }),
    }),
  ),
});

const Numbers = Type.Record(Type.String(), Type.Number());
const DistributionsDto = Type.Object({
  computedAt: ComputedAt,
  clv: Type.Object({ customers: Type.Integer(), bars: Type.Array(Type.Object({ from: Type.Number(), to: Type.Union([Type.Number(), Type.Null()]), customers: Type.Integer() })) }),
  churn: Type.Object({
    customers: Type.Integer(),
    levels: Type.Array(Type.Object({ level: Type.String(), customers: Type.Integer() })),
    bands: Type.Array(Type.Object({ from: Type.Number(), to: Type.Number(), customers: Type.Integer() })),
  }),
  clusters: Type.Union([
    Type.Object({
      runId: Type.Integer(),
      finishedAt: Type.String(),
      k: Type.Integer(),
      features: Type.Array(Type.String()),
      clusters: Type.Array(
        Type.Object({
          cluster: Type.Integer(),
          size: Type.Integer(),
          customersInScope: Type.Integer(),
          centroid: Numbers,
          radar: Numbers,
          nameZh: Type.String(),
          nameEn: Type.String(),
          actionZh: Type.String(),
          actionEn: Type.String(),
          traitsZh: Type.String(),
          traitsEn: Type.String(),
        }),
      ),
    }),
    Type.Null({ description: 'no clustering run yet' }),
  ]),
});

/** The customer-insights dashboard: portrait, cohort retention, value/risk distributions and clusters (your data scope). */
export function insightsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const insights = new InsightsService(deps);
  const tags = ['insights'];

  app.get<{ Querystring: typeof RefreshQuery.static }>(
    '/api/insights/portrait',
    { schema: { tags, summary: 'Customers by province, industry, source and level (your data scope)', querystring: RefreshQuery, response: withErrors({ 200: PortraitDto }) } },
    async (request) => insights.portrait(await requestContext(request, deps), request.query.refresh === true),
  );

  app.get<{ Querystring: typeof CohortsQuery.static }>(
    '/api/insights/cohorts',
    { schema: { tags, summary: 'Retention by first-purchase month: cohort size and share buying again in month +1 … +N (your data scope)', querystring: CohortsQuery, response: withErrors({ 200: CohortsDto }) } },
    async (request) => insights.cohorts(await requestContext(request, deps), request.query.months, request.query.refresh === true),
  );

  app.get<{ Querystring: typeof RefreshQuery.static }>(
    '/api/insights/distributions',
    { schema: { tags, summary: '12-month CLV histogram, churn-risk levels and bands, latest clustering run (your data scope)', querystring: RefreshQuery, response: withErrors({ 200: DistributionsDto }) } },
    async (request) => insights.distributions(await requestContext(request, deps), request.query.refresh === true),
  );
}
