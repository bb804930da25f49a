import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, requestContext, withErrors } from '../../platform/http/index.js';
import { ImportTemplateService } from './import-template-service.js';

const Objects = Type.Union([Type.Literal('customers'), Type.Literal('orders'), Type.Literal('events')]);
const Mapping = Type.Record(Type.String(), Type.String(), { description: '{"column header": "field key"}, as the import answers it' });
const TemplateDto = Type.Object({ id: Type.Integer(), object: Objects, name: Type.String(), mapping: Mapping, updatedAt: Type.String() });
const ListQuery = Type.Object({ object: Objects }, { additionalProperties: false });
const SaveBody = Type.Object({ object: Objects, name: Type.String({ minLength: 1, maxLength: 100 }), mapping: Type.Record(Type.String(), Type.Unknown()) }, { additionalProperties: false });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** Saved column mappings: list per object, save (create or replace by name), delete. */
export function importTemplateRoutes(app: FastifyInstance, deps: AppDeps): void {
  const templates = new ImportTemplateService(deps);
  const tags = ['imports'];

  app.get<{ Querystring: typeof ListQuery.static }>(
    '/api/imports/templates',
    { schema: { tags, summary: 'Saved column mappings (templates) for importing an object', querystring: ListQuery, response: withErrors({ 200: Type.Object({ items: Type.Array(TemplateDto) }) }) } },
    async (request) => {
      return { items: await templates.list(await requestContext(request, deps), request.query.object) };
    },
  );

  app.put<{ Body: typeof SaveBody.static }>(
    '/api/imports/templates',
    { schema: { tags, summary: 'Save a column mapping as a template (a template of the same object and name is replaced); audited', body: SaveBody, response: withErrors({ 200: TemplateDto }, [400, 401, 403, 429]) } },
    async (request) => {
      return templates.save(await requestContext(request, deps), request.body.object, request.body.name, request.body.mapping);
    },
  );

  app.delete<{ Params: typeof IdParams.static }>(
    '/api/imports/templates/:id',
    { schema: { tags, summary: 'Delete a template; audited', params: IdParams, response: withErrors({ 204: Type.Null() }) } },
    async (request, reply) => {
      await templates.delete(await requestContext(request, deps), request.params.id);
      return reply.status(204).send();
    },
  );
}
