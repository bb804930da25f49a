import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, requestContext, withErrors } from '../../platform/http/index.js';
import { DuplicateService, type DuplicateStatus } from './duplicate-service.js';

const Status = Type.Unsafe<DuplicateStatus>({ type: 'string', enum: ['pending', 'accepted', 'dismissed'], description: 'pending | accepted | dismissed' });

const Duplicate = Type.Object({
  id: Type.Integer(),
  customerA: Type.Integer(),
  customerB: Type.Integer(),
  score: Type.Number(),
  reasons: Type.Array(Type.String(), { description: 'Fields that agreed: mobile:exact, name:fuzzy:0.93, surname:exact, …' }),
  status: Status,
  createdAt: Type.String({ format: 'date-time' }),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  decidedBy: Type.Union([Type.Integer(), Type.Null()]),
});

const ListQuery = Type.Object(
  {
    status: Type.Optional(Status),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

const DuplicatePage = Type.Object({ items: Type.Array(Duplicate), page: Type.Integer(), pageSize: Type.Integer(), total: Type.Integer() });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false });
const ScanCounts = Type.Object({
  customers: Type.Integer(),
  candidatePairs: Type.Integer(),
  matches: Type.Integer(),
  inserted: Type.Integer(),
  seconds: Type.Number(),
});

/** The duplicate review queue: suggestions only, a person decides (DOMAIN §2). */
export function duplicateRoutes(app: FastifyInstance, deps: AppDeps): void {
  const service = new DuplicateService(deps);
  const tags = ['duplicates'];

  app.get<{ Querystring: typeof ListQuery.static }>(
    '/api/duplicates',
    { schema: { tags, summary: 'Suggested duplicate customers (both customers readable by the caller)', querystring: ListQuery, response: withErrors({ 200: DuplicatePage }) } },
    async (request) => {
      const ctx = await requestContext(request, deps);
      const q = request.query;
      return service.list(ctx, q.status ?? 'pending', q.page ?? 1, q.pageSize ?? 20);
    },
  );

  app.post<{ Params: typeof IdParams.static }>(
    '/api/duplicates/:id/dismiss',
    { schema: { tags, summary: 'Dismiss a suggestion (never suggested again); audited', params: IdParams, response: withErrors({ 200: Duplicate }) } },
    async (request) => service.dismiss(await requestContext(request, deps), request.params.id),
  );

  app.post<{ Params: typeof IdParams.static }>(
    '/api/duplicates/:id/accept',
    { schema: { tags, summary: 'Mark a suggestion as a true duplicate (no merge yet); audited', params: IdParams, response: withErrors({ 200: Duplicate }) } },
    async (request) => service.accept(await requestContext(request, deps), request.params.id),
  );

  app.post(
    '/api/duplicates/scan',
    { schema: { tags, summary: 'Scan all customers and queue new suggestions (admin); audited', response: withErrors({ 200: ScanCounts }) } },
    async (request) => service.scan(await requestContext(request, deps)),
  );
}
