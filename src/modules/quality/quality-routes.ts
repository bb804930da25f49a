import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, requestContext, withErrors } from '../../platform/http/index.js';
import { QUALITY_FIELDS } from './quality-rules.js';
import { QualityService } from './quality-service.js';

const Ids = Type.Array(Type.Integer());
const Share = Type.Number({ minimum: 0, maximum: 1 });
const FieldQuality = Type.Object({
  field: Type.Unsafe<(typeof QUALITY_FIELDS)[number]>({ type: 'string', enum: [...QUALITY_FIELDS] }),
  total: Type.Integer(),
  filled: Type.Integer(),
  invalid: Type.Integer({ description: 'Customers whose value fails its rule (kept, flagged)' }),
  suspicious: Type.Integer({ description: 'Valid but odd: data-only mobile prefix, address contradicting the region …' }),
  duplicate: Type.Union([Type.Integer(), Type.Null()], { description: 'Customers whose value another customer shares (blind index for sensitive fields); null for region' }),
  filledShare: Share,
  invalidShare: Share,
  duplicateShare: Type.Union([Share, Type.Null()]),
  examples: Type.Object({ invalid: Ids, suspicious: Ids, duplicate: Ids }, { description: 'First customer ids (readable by the caller) per problem' }),
});
const Report = Type.Object({
  total: Type.Integer({ description: 'Customers in the caller’s scope' }),
  fields: Type.Array(FieldQuality),
  lastRun: Type.Union([
    Type.Object({ finishedAt: Type.String({ format: 'date-time' }), customers: Type.Integer(), flags: Type.Integer(), seconds: Type.Number() }),
    Type.Null(),
  ]),
});

/** Data-quality report and recompute (DOMAIN §2: invalid values are reported, not dropped). */
export function qualityRoutes(app: FastifyInstance, deps: AppDeps): void {
  const service = new QualityService(deps);
  const tags = ['quality'];

  app.get(
    '/api/quality/report',
    { schema: { tags, summary: 'Filled / invalid / duplicate counts per customer field (admin or customer export right; caller’s scope)', response: withErrors({ 200: Report }) } },
    async (request) => service.report(await requestContext(request, deps)),
  );

  app.post(
    '/api/quality/recompute',
    { schema: { tags, summary: 'Queue a recompute of every customer’s quality flags (admin); audited', response: withErrors({ 202: Type.Object({ jobId: Type.Integer() }) }) } },
    async (request, reply) => reply.code(202).send(await service.requestRecompute(await requestContext(request, deps))),
  );
}
