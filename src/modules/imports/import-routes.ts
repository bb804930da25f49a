import crypto from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors/index.js';
import { type AppDeps, requestContext, requestLocale, withErrors } from '../../platform/http/index.js';
import { eventImportRoutes } from './event-import-routes.js';
import { findJob } from './import-repository.js';
import { ImportService } from './import-service.js';
import { importTemplateRoutes } from './import-template-routes.js';
import { importMapping, orderImportRoutes } from './order-import-routes.js';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/**
 * The raw upload. The bytes sit in a private field so that the app's generic body hooks (the NUL
 * guard walks enumerable properties) skip them; JSON (the idempotency hash) sees their SHA-256.
 */
export class UploadedFile {
  readonly #data: Buffer;
  constructor(data: Buffer) {
    this.#data = data;
  }
  get data(): Buffer {
    return this.#data;
  }
  toJSON(): string {
    return crypto.createHash('sha256').update(this.#data).digest('hex');
  }
}

/** The uploaded bytes and their format; anything but CSV / XLSX → 415. */
function uploaded(body: unknown, contentType: string | undefined): { data: Buffer; format: 'csv' | 'xlsx' } {
  if (!(body instanceof UploadedFile)) throw new AppError('request.unsupported_media_type');
  return { data: body.data, format: String(contentType ?? '').startsWith(XLSX_TYPE) ? 'xlsx' : 'csv' };
}

const ImportQuery = Type.Object(
  {
    mode: Type.Union([Type.Literal('dry-run'), Type.Literal('commit')], { default: 'dry-run' }),
    duplicates: Type.Union([Type.Literal('skip'), Type.Literal('update'), Type.Literal('create')], { default: 'skip' }),
    strict: Type.Boolean({ default: false, description: 'Store nothing when any row is invalid' }),
    allowErased: Type.Boolean({ default: false, description: 'Import rows whose mobile / e-mail belonged to an erased person (PIPL); else they are row errors' }),
    mapping: Type.Optional(Type.String({ maxLength: 20_000, description: 'JSON object {"column header": "field key"}; suggested from the headers when absent' })),
    fileName: Type.Optional(Type.String({ maxLength: 255 })),
  },
  { additionalProperties: false },
);
const RowErrorDto = Type.Object({ row: Type.Integer(), field: Type.String(), code: Type.String(), message: Type.String() });
const ImportAnswer = Type.Object({
  status: Type.String(),
  rows: Type.Integer(),
  valid: Type.Integer(),
  invalid: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  skipped: Type.Integer(),
  mapping: Type.Record(Type.String(), Type.String()),
  errors: Type.Array(RowErrorDto, { description: 'The first 100 row errors' }),
  errorReportId: Type.Union([Type.Integer(), Type.Null()]),
  jobId: Type.Union([Type.Integer(), Type.Null()]),
  firstId: Type.Union([Type.Integer(), Type.Null()]),
  lastId: Type.Union([Type.Integer(), Type.Null()]),
});
const JobParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false });

/** Customer, order and event imports (CSV / XLSX as the raw body) and the error report of an import. */
export function importRoutes(app: FastifyInstance, deps: AppDeps): void {
  const imports = new ImportService(deps);
  const tags = ['imports'];
  app.addContentTypeParser([CSV_TYPE, XLSX_TYPE], { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_request, body, done) => {
    done(null, new UploadedFile(body as Buffer));
  });

  app.post<{ Querystring: typeof ImportQuery.static }>(
    '/api/imports/customers',
    {
      bodyLimit: MAX_FILE_BYTES,
      schema: { tags, summary: 'Import customers from a CSV (UTF-8) or XLSX file sent as the raw body', querystring: ImportQuery, consumes: [CSV_TYPE, XLSX_TYPE], response: withErrors({ 200: ImportAnswer }) },
    },
    async (request) => {
      const ctx = await requestContext(request, deps);
      const { data, format } = uploaded(request.body, request.headers['content-type']);
      const { mode, duplicates, strict, allowErased, fileName } = request.query;
      return imports.run(ctx, { file: data, format, fileName, mode, duplicates, strict, allowErased, mapping: importMapping(request.query.mapping), locale: requestLocale(request) });
    },
  );

  orderImportRoutes(app, deps, uploaded, [CSV_TYPE, XLSX_TYPE], MAX_FILE_BYTES);
  eventImportRoutes(app, deps, uploaded, [CSV_TYPE, XLSX_TYPE], MAX_FILE_BYTES);
  importTemplateRoutes(app, deps);

  app.get<{ Params: typeof JobParams.static }>(
    '/api/imports/:id/errors.csv',
    { schema: { tags, summary: 'The error report of an import (last 7 days): original rows plus an error column', params: JobParams, produces: ['text/csv'], response: withErrors({ 200: Type.String() }) } },
    async (request, reply) => {
      const ctx = await requestContext(request, deps);
      const job = await findJob(deps.db, request.params.id, deps.clock.now());
      const mine = job && (job.created_by === ctx.access.actor.userId || ctx.access.isAdmin);
      if (!job || !mine || job.error_report === null) throw new AppError('record.not_found');
      reply.header('content-disposition', `attachment; filename="import-${job.id}-errors.csv"`);
      reply.type('text/csv; charset=utf-8');
      return job.error_report;
    },
  );
}
