import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, requestContext, withErrors } from '../../platform/http/index.js';
import { MODEL_TAG_PRESETS } from './model-tag-mapping.js';
import { type TagDefinitionBody, TagDefinitionService } from './tag-definition-service.js';
import { BulkAnswer, BulkTarget, RefreshTagAnswer, TagDefinitionBodySchema, TagDefinitionList, TagDefinitionSchema, TagIdParams } from './tag-schemas.js';

type Id = { Params: typeof TagIdParams.static };
type Bulk = Id & { Body: typeof BulkTarget.static };

/**
 * Tag definitions. `GET /api/tags` and `/api/tags/:tag/customers` (by tag name) belong to the
 * segments module, so the definition list is `/api/tags/definitions` and bulk tagging by
 * definition id is `/api/tags/:id/bulk`.
 */
export function tagRoutes(app: FastifyInstance, deps: AppDeps): void {
  const service = new TagDefinitionService(deps);
  const tags = ['tags'];

  app.get('/api/tags/definitions', { schema: { tags, summary: 'Tag definitions by layer with carriers in the caller’s scope, and the model presets', response: withErrors({ 200: TagDefinitionList }) } }, async (request) => ({
    items: await service.list(await requestContext(request, deps)),
    presets: MODEL_TAG_PRESETS.map((p) => ({ ...p })),
  }));

  app.post<{ Body: typeof TagDefinitionBodySchema.static }>(
    '/api/tags',
    { schema: { tags, summary: 'Define a manual, rule or model tag (rule and model tags are applied now)', body: TagDefinitionBodySchema, response: withErrors({ 201: TagDefinitionSchema }, [400, 401, 403, 409, 429]) } },
    async (request, reply) => {
      const dto = await service.create(await requestContext(request, deps), request.body as TagDefinitionBody);
      reply.status(201);
      return dto;
    },
  );

  app.put<Id & { Body: typeof TagDefinitionBodySchema.static }>(
    '/api/tags/:id',
    { schema: { tags, summary: 'Replace a tag definition (renames the tag on its customers, re-applies its rule)', params: TagIdParams, body: TagDefinitionBodySchema, response: withErrors({ 200: TagDefinitionSchema }, [400, 401, 403, 404, 409, 429]) } },
    async (request) => service.update(await requestContext(request, deps), request.params.id, request.body as TagDefinitionBody),
  );

  app.delete<Id>(
    '/api/tags/:id',
    { schema: { tags, summary: 'Delete a tag definition and take the tag off every customer', params: TagIdParams, response: withErrors({ 204: Type.Null() }, [400, 401, 403, 404, 429]) } },
    async (request, reply) => {
      await service.remove(await requestContext(request, deps), request.params.id);
      reply.status(204);
    },
  );

  app.post<Id>(
    '/api/tags/:id/refresh',
    { config: { idempotency: 'ignore' }, schema: { tags, summary: 'Re-apply a rule or model tag now', params: TagIdParams, response: withErrors({ 200: RefreshTagAnswer }, [400, 401, 403, 404, 429]) } },
    async (request) => service.refresh(await requestContext(request, deps), request.params.id),
  );

  app.post<Bulk>(
    '/api/tags/:id/bulk',
    { schema: { tags, summary: 'Tag customers in bulk: a list of ids or a segment’s members (only those the caller may update)', params: TagIdParams, body: BulkTarget, response: withErrors({ 200: BulkAnswer }) } },
    async (request) => ({ changed: await service.bulk(await requestContext(request, deps), request.params.id, request.body, 'add') }),
  );

  app.delete<Bulk>(
    '/api/tags/:id/bulk',
    { schema: { tags, summary: 'Take the tag off a list of customers or a segment’s members (only those the caller may update)', params: TagIdParams, body: BulkTarget, response: withErrors({ 200: BulkAnswer }) } },
    async (request) => ({ changed: await service.bulk(await requestContext(request, deps), request.params.id, request.body, 'remove') }),
  );
}
