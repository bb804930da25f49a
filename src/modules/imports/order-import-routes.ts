import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors/index.js';
import { type AppDeps, requestContext, requestLocale, withErrors } from '../../platform/http/index.js';
import { type ColumnMapping, parseMapping } from './mapping.js';
import { OrderImportService } from './order-import-service.js';

export const ObjectImportQuery = Type.Object(
  {
    mode: Type.Union([Type.Literal('dry-run'), Type.Literal('commit')], { default: 'dry-run' }),
    strict: Type.Boolean({ default: false, description: 'Store nothing when any row is invalid' }),
    mapping: Type.Optional(Type.String({ maxLength: 20_000, description: 'JSON object {"column header": "column key"}; suggested from the headers when absent' })),
    fileName: Type.Optional(Type.String({ maxLength: 255 })),
  },
  { additionalProperties: false },
);
export const RowErrorDto = Type.Object({ row: Type.Integer(), field: Type.String(), code: Type.String(), message: Type.String() });
const OrderImportAnswer = Type.Object({
  status: Type.String({ description: 'validated (dry run) | completed | rejected (strict with invalid rows)' }),
  rows: Type.Integer({ description: 'Data rows (order lines) read' }),
  valid: Type.Integer(),
  invalid: Type.Integer(),
  created: Type.Integer({ description: 'Lines of new orders stored (or that a commit would store)' }),
  skipped: Type.Integer({ description: 'Lines of orders whose source + externalId exists already' }),
  ordersCreated: Type.Integer(),
  ordersSkipped: Type.Integer(),
  mapping: Type.Record(Type.String(), Type.String()),
  errors: Type.Array(RowErrorDto, { description: 'The first 100 row errors' }),
  errorReportId: Type.Union([Type.Integer(), Type.Null()]),
  jobId: Type.Union([Type.Integer(), Type.Null()]),
});

/** The options every object import takes from the query string; a bad mapping → 400 field mapping. */
export function importMapping(raw: string | undefined): ColumnMapping | undefined {
  if (raw === undefined) return undefined;
  try {
    return parseMapping(raw);
  } catch (error) {
    throw new AppError('request.invalid', { field: 'mapping', params: { reason: error instanceof Error ? error.message : 'bad mapping' } });
  }
}

/** POST /api/imports/orders: the raw CSV / XLSX body (parser registered by importRoutes). */
export function orderImportRoutes(app: FastifyInstance, deps: AppDeps, upload: (body: unknown, contentType: string | undefined) => { data: Buffer; format: 'csv' | 'xlsx' }, consumes: string[], bodyLimit: number): void {
  const orders = new OrderImportService(deps);
  app.post<{ Querystring: typeof ObjectImportQuery.static }>(
    '/api/imports/orders',
    {
      bodyLimit,
      schema: {
        tags: ['imports'],
        summary: 'Import orders (one row per order line) from a CSV (UTF-8) or XLSX file sent as the raw body; needs update on customers',
        querystring: ObjectImportQuery,
        consumes,
        response: withErrors({ 200: OrderImportAnswer }),
      },
    },
    async (request) => {
      const ctx = await requestContext(request, deps);
      const { data, format } = upload(request.body, request.headers['content-type']);
      const { mode, strict, fileName } = request.query;
      return orders.run(ctx, { input: data, format, fileName, mode, strict, mapping: importMapping(request.query.mapping), locale: requestLocale(request) });
    },
  );
}
