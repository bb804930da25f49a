import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors/index.js';
import { type AppDeps, requestContext, withErrors } from '../../platform/http/index.js';
import type { RequestContext } from '../../platform/records/index.js';
import { SourceService } from './source-service.js';

const CreateSourceBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false });
const CreatedSource = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  writeKey: Type.String({ description: 'wk_…: shown once, stored only as a hash. Send it as the HTTP Basic user name of /v1 calls' }),
});
const Timestamp = Type.String({ format: 'date-time' });
const SourceDto = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  writeKeyPrefix: Type.String({ description: 'The first 8 characters of the write key, to recognise it' }),
  createdAt: Timestamp,
  createdBy: Type.Union([Type.Integer(), Type.Null()]),
  disabledAt: Type.Union([Timestamp, Type.Null()]),
});

/** Admins only; checked before body validation, so others get 403 whatever they send. */
async function adminContext(request: FastifyRequest, deps: AppDeps): Promise<RequestContext> {
  const ctx = await requestContext(request, deps);
  if (!ctx.access.isAdmin) throw new AppError('permission.denied');
  return ctx;
}

/** GET/POST /api/sources, DELETE /api/sources/:id (disable). */
export function sourceRoutes(app: FastifyInstance, deps: AppDeps): void {
  const sources = new SourceService(deps);
  const tags = ['tracking'];
  const preValidation = async (request: FastifyRequest) => {
    await adminContext(request, deps);
  };

  app.get('/api/sources', { preValidation, schema: { tags, summary: 'Tracking sources, newest first (never the write key)', response: withErrors({ 200: Type.Array(SourceDto) }, [401, 403, 429]) } }, async () => sources.list());

  // idempotency 'ignore': a stored replay would hold the clear write key.
  app.post<{ Body: typeof CreateSourceBody.static }>('/api/sources', { preValidation, config: { idempotency: 'ignore' }, schema: { tags, summary: 'Create a tracking source; its write key is answered once', body: CreateSourceBody, response: withErrors({ 201: CreatedSource }, [400, 401, 403, 429]) } }, async (request, reply) => {
    const ctx = await adminContext(request, deps);
    reply.status(201);
    return sources.create(ctx, request.body.name);
  });

  app.delete<{ Params: typeof IdParams.static }>('/api/sources/:id', { preValidation, schema: { tags, summary: 'Disable a tracking source (its write key stops working at once)', params: IdParams, response: withErrors({ 204: Type.Null() }) } }, async (request, reply) => {
    const ctx = await adminContext(request, deps);
    await sources.disable(ctx, request.params.id);
    return reply.status(204).send();
  });
}
