import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, requestContext, requestLocale, withErrors } from '../../platform/http/index.js';
import type { CsvExport } from '../../platform/records/index.js';
import {
  IdParams,
  MembersAnswer,
  PageQuery,
  PreviewAnswer,
  PreviewBody,
  RefreshAnswer,
  SegmentBody,
  SegmentDtoSchema,
  SegmentList,
  TagAnswer,
  TagList,
  TagParams,
  TagTarget,
} from './segment-schemas.js';
import { SegmentService } from './segment-service.js';
import { TagService } from './tag-service.js';

type Id = { Params: typeof IdParams.static };

/** Streams a prepared CSV export (refusals already happened in prepare). */
function streamCsv(csv: CsvExport): PassThrough {
  const out = new PassThrough();
  csv
    .run(async (chunk) => {
      if (!out.write(chunk)) await once(out, 'drain');
    })
    .then(() => out.end(), (error: unknown) => out.destroy(error as Error));
  return out;
}

/** Segments: live preview, CRUD, refresh, members (paged, scoped) and their CSV export; tags. */
export function segmentRoutes(app: FastifyInstance, deps: AppDeps): void {
  const segments = new SegmentService(deps);
  const tagging = new TagService(deps);
  const tags = ['segments'];

  app.post<{ Body: typeof PreviewBody.static }>(
    '/api/segments/preview',
    { config: { idempotency: 'ignore' }, schema: { tags, summary: 'Count and sample the customers a rule selects (caller’s data scope)', body: PreviewBody, response: withErrors({ 200: PreviewAnswer }) } },
    async (request) => segments.preview(await requestContext(request, deps), request.body.rule),
  );

  app.get<{ Querystring: typeof PageQuery.static }>(
    '/api/segments',
    { schema: { tags, summary: 'Saved segments, newest first', querystring: PageQuery, response: withErrors({ 200: SegmentList }) } },
    async (request) => segments.list(await requestContext(request, deps), request.query.page, request.query.pageSize),
  );

  app.post<{ Body: typeof SegmentBody.static }>(
    '/api/segments',
    { schema: { tags, summary: 'Save a segment (members computed now; a static one is frozen)', body: SegmentBody, response: withErrors({ 201: SegmentDtoSchema }) } },
    async (request, reply) => {
      reply.status(201);
      return segments.create(await requestContext(request, deps), request.body);
    },
  );

  app.get<Id>('/api/segments/:id', { schema: { tags, summary: 'One segment', params: IdParams, response: withErrors({ 200: SegmentDtoSchema }) } }, async (request) =>
    segments.get(await requestContext(request, deps), request.params.id),
  );

  app.put<Id & { Body: typeof SegmentBody.static }>(
    '/api/segments/:id',
    { schema: { tags, summary: 'Replace a segment’s name, kind and rule (members re-evaluated)', params: IdParams, body: SegmentBody, response: withErrors({ 200: SegmentDtoSchema }) } },
    async (request) => segments.update(await requestContext(request, deps), request.params.id, request.body),
  );

  app.delete<Id>(
    '/api/segments/:id',
    { schema: { tags, summary: 'Delete a segment (refused while others refer to it)', params: IdParams, response: withErrors({ 204: Type.Null() }, [400, 401, 403, 404, 409, 429]) } },
    async (request, reply) => {
      await segments.remove(await requestContext(request, deps), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post<Id>(
    '/api/segments/:id/refresh',
    { config: { idempotency: 'ignore' }, schema: { tags, summary: 'Re-evaluate the members now', params: IdParams, response: withErrors({ 200: RefreshAnswer }) } },
    async (request) => segments.refresh(await requestContext(request, deps), request.params.id),
  );

  app.get<Id & { Querystring: typeof PageQuery.static }>(
    '/api/segments/:id/members',
    { schema: { tags, summary: 'Members the caller may see, as customers', params: IdParams, querystring: PageQuery, response: withErrors({ 200: MembersAnswer }) } },
    async (request) => segments.members(await requestContext(request, deps), request.params.id, request.query.page, request.query.pageSize),
  );

  app.get<Id>(
    '/api/segments/:id/export',
    { schema: { tags, summary: 'Members as CSV (customer export permission; masked fields stay masked; audited)', params: IdParams, produces: ['text/csv'], response: withErrors({ 200: Type.String() }) } },
    async (request, reply) => {
      const csv = await segments.exportMembers(await requestContext(request, deps), request.params.id, requestLocale(request));
      reply.header('Content-Type', 'text/csv; charset=utf-8');
      reply.header('Content-Disposition', `attachment; filename="segment-${request.params.id}-${deps.clock.now().toISOString().slice(0, 10)}.csv"`);
      return reply.send(streamCsv(csv));
    },
  );

  app.get('/api/tags', { schema: { tags, summary: 'Tags with their customer counts (caller’s data scope)', response: withErrors({ 200: TagList }) } }, async (request) =>
    tagging.list(await requestContext(request, deps)),
  );

  app.post<{ Params: typeof TagParams.static; Body: typeof TagTarget.static }>(
    '/api/tags/:tag/customers',
    { schema: { tags, summary: 'Tag customers by hand: a list of ids or a segment’s members', params: TagParams, body: TagTarget, response: withErrors({ 200: TagAnswer }) } },
    async (request) => ({ tag: request.params.tag, changed: await tagging.add(await requestContext(request, deps), request.params.tag, request.body) }),
  );

  app.delete<{ Params: typeof TagParams.static; Body: typeof TagTarget.static }>(
    '/api/tags/:tag/customers',
    { schema: { tags, summary: 'Remove a tag from a list of customers or a segment’s members', params: TagParams, body: TagTarget, response: withErrors({ 200: TagAnswer }) } },
    async (request) => ({ tag: request.params.tag, changed: await tagging.remove(await requestContext(request, deps), request.params.tag, request.body) }),
  );
}
