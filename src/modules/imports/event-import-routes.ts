import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, requestContext, requestLocale, withErrors } from '../../platform/http/index.js';
import { EventImportService } from './event-import-service.js';
import { importMapping, ObjectImportQuery, RowErrorDto } from './order-import-routes.js';

const EventImportAnswer = Type.Object({
  status: Type.String({ description: 'validated (dry run) | completed | rejected (strict with invalid rows)' }),
  rows: Type.Integer({ description: 'Data rows (events) read' }),
  valid: Type.Integer(),
  invalid: Type.Integer(),
  created: Type.Integer({ description: 'Events stored (or that a commit would store)' }),
  skipped: Type.Integer({ description: 'Valid events whose messageId was imported before or repeats an earlier row' }),
  mapping: Type.Record(Type.String(), Type.String()),
  errors: Type.Array(RowErrorDto, { description: 'The first 100 row errors' }),
  errorReportId: Type.Union([Type.Integer(), Type.Null()]),
  jobId: Type.Union([Type.Integer(), Type.Null()]),
});

/** POST /api/imports/events: the raw CSV / XLSX body (parser registered by importRoutes). */
export function eventImportRoutes(app: FastifyInstance, deps: AppDeps, upload: (body: unknown, contentType: string | undefined) => { data: Buffer; format: 'csv' | 'xlsx' }, consumes: string[], bodyLimit: number): void {
  const events = new EventImportService(deps);
  app.post<{ Querystring: typeof ObjectImportQuery.static }>(
    '/api/imports/events',
    {
      bodyLimit,
      schema: {
        tags: ['imports'],
        summary: 'Import behaviour events (one row per event) from a CSV (UTF-8) or XLSX file sent as the raw body; needs update on customers',
        querystring: ObjectImportQuery,
        consumes,
        response: withErrors({ 200: EventImportAnswer }),
      },
    },
    async (request) => {
      const ctx = await requestContext(request, deps);
      const { data, format } = upload(request.body, request.headers['content-type']);
      const { mode, strict, fileName } = request.query;
      return events.run(ctx, { input: data, format, fileName, mode, strict, mapping: importMapping(request.query.mapping), locale: requestLocale(request) });
    },
  );
}
