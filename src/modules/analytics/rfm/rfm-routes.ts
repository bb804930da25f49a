import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, requestContext, withErrors } from '../../../platform/http/index.js';
import { RfmInsightsService } from './rfm-insights-service.js';
import { RFM_SEGMENT_KEYS } from './rfm-segments.js';

const Score = Type.Integer({ minimum: 1, maximum: 5 });
const SegmentKey = Type.Unsafe<(typeof RFM_SEGMENT_KEYS)[number]>({ type: 'string', enum: [...RFM_SEGMENT_KEYS] });
const Figures = {
  customers: Type.Integer(),
  revenue: Type.String({ description: 'decimal, 2 places' }),
  avgRecencyDays: Type.Number(),
  avgFrequency: Type.Number(),
  avgMonetary: Type.Number(),
};
const GridDto = Type.Object({
  cells: Type.Array(Type.Object({ r: Score, fm: Score, segment: SegmentKey, ...Figures }), { description: '25 cells, R 5→1 then FM 5→1' }),
  segments: Type.Array(Type.Object({ segment: SegmentKey, nameZh: Type.String(), nameEn: Type.String(), cells: Type.Array(Type.String()), ...Figures })),
  total: Type.Object(Figures),
});
const MembersQuery = Type.Object(
  {
    segment: Type.Optional(SegmentKey),
    r: Type.Optional(Score),
    fm: Type.Optional(Score),
    page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);
const MembersDto = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.Union([Type.String(), Type.Null()], { description: 'null when the caller may not see the name' }),
      recencyDays: Type.Integer(),
      frequency: Type.Integer(),
      monetary: Type.String(),
      r: Score,
      f: Score,
      m: Score,
      segment: SegmentKey,
      computedAt: Type.String(),
    }),
  ),
});

/** The RFM grid and the customers of a segment or cell, within the caller's data scope. */
export function rfmRoutes(app: FastifyInstance, deps: AppDeps): void {
  const insights = new RfmInsightsService(deps);
  const tags = ['analytics'];

  app.get(
    '/api/analytics/rfm/grid',
    { schema: { tags, summary: 'RFM grid: customers, revenue, average R/F/M values per R × FM cell and per segment (your data scope)', response: withErrors({ 200: GridDto }) } },
    async (request) => insights.grid(await requestContext(request, deps)),
  );

  app.get<{ Querystring: typeof MembersQuery.static }>(
    '/api/analytics/rfm/customers',
    { schema: { tags, summary: 'Scored customers of a segment and/or R × FM cell, highest monetary first (your data scope)', querystring: MembersQuery, response: withErrors({ 200: MembersDto }) } },
    async (request) => insights.members(await requestContext(request, deps), request.query),
  );
}
