import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors/index.js';
import { type AppDeps, requestContext, requestLocale, openRecordSerializer, withErrors } from '../../platform/http/index.js';
import { operatorsFor, prepareCsvExport, type Filter, type ListParams, RecordService } from '../../platform/records/index.js';
import { customerObject } from './customer-object.js';

const ListQuery = Type.Object(
  {
    page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
    sort: Type.Optional(Type.String({ pattern: '^-?[A-Za-z][A-Za-z0-9_]{0,60}$', description: 'field or -field' })),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Keyword: name, company, exact mobile or email' })),
    filter: Type.Optional(Type.String({ maxLength: 20_000, description: 'JSON array of {field, op, value}' })),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false });
const Record_ = Type.Object({ id: Type.Integer() }, { additionalProperties: true, description: 'Customer: visible fields only; sensitive values masked' });
const RecordBody = Type.Object({}, { additionalProperties: true, description: 'Field values by key (custom fields as cf_<key>)' });
const ListAnswer = Type.Object({ items: Type.Array(Record_), page: Type.Integer(), pageSize: Type.Integer(), total: Type.Integer(), totalCapped: Type.Boolean() });
const FieldMeta = Type.Array(Type.Object({}, { additionalProperties: true }));

export function parseFilters(raw: string | undefined): Filter[] {
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AppError('request.invalid', { field: 'filter', params: { reason: 'filter must be a JSON array' } });
  }
  if (!Array.isArray(parsed) || parsed.length > 50) throw new AppError('request.invalid', { field: 'filter', params: { reason: 'filter must be an array of at most 50 conditions' } });
  return parsed.map((item, i) => {
    if (!item || typeof item !== 'object' || typeof item.field !== 'string' || typeof item.op !== 'string') {
      throw new AppError('request.invalid', { field: `filter.${i}`, params: { reason: 'each condition needs field and op' } });
    }
    const extra = Object.keys(item).find((k) => !['field', 'op', 'value'].includes(k));
    if (extra) throw new AppError('request.unknown_property', { field: `filter.${i}.${extra}`, params: { field: extra } });
    return { field: item.field, op: item.op, value: item.value } as Filter;
  });
}

/** REST routes for customers; every surface goes through the permission-enforcing RecordService. */
export function customerRoutes(app: FastifyInstance, deps: AppDeps): void {
  const records = new RecordService(deps, customerObject);
  const tags = ['customers'];
  const listParams = (query: { page: number; pageSize: number; sort?: string; q?: string; filter?: string }): ListParams => ({
    page: query.page,
    pageSize: query.pageSize,
    sort: query.sort,
    q: query.q,
    filters: parseFilters(query.filter),
  });

  app.get('/api/objects/customer/fields', { schema: { tags, summary: 'Customer fields visible to the caller', response: withErrors({ 200: FieldMeta }) } }, async (request) => {
    const ctx = await requestContext(request, deps);
    const fields = await records.fields(ctx);
    return fields.map((field) => {
      const { key, labelZh, labelEn, type, options, required, custom, sensitive, access, masked, system } = field;
      return {
      key, labelZh, labelEn, type, options, required, custom, system, sensitive: Boolean(sensitive), access, masked,
      filterable: true, sortable: !sensitive && type !== 'multiselect', operators: operatorsFor(field),
      };
    });
  });

  app.get<{ Querystring: typeof ListQuery.static }>('/api/customers', { ...openRecordSerializer, schema: { tags, summary: 'List customers (paginated, filtered, sorted)', querystring: ListQuery, response: withErrors({ 200: ListAnswer }) } }, async (request) => {
    const ctx = await requestContext(request, deps);
    return records.list(ctx, listParams(request.query));
  });

  app.get<{ Querystring: typeof ListQuery.static }>('/api/customers/export', { schema: { tags, summary: 'Export the filtered list as CSV (audited)', querystring: ListQuery, produces: ['text/csv'], response: withErrors({ 200: Type.String({ description: 'CSV (UTF-8 with BOM), one row per record the caller may see' }) }) } }, async (request, reply) => {
    const ctx = await requestContext(request, deps);
    const { page: _page, pageSize: _size, ...params } = listParams(request.query);
    const csv = await prepareCsvExport(records, deps, ctx, params, requestLocale(request));
    const out = new PassThrough();
    csv
      .run(async (chunk) => {
        if (!out.write(chunk)) await once(out, 'drain');
      })
      .then(() => out.end(), (error: unknown) => out.destroy(error as Error));
    reply.header('Content-Type', 'text/csv; charset=utf-8');
    reply.header('Content-Disposition', `attachment; filename="customers-${deps.clock.now().toISOString().slice(0, 10)}.csv"`);
    return reply.send(out);
  });

  app.post<{ Body: Record<string, unknown> }>('/api/customers', { schema: { tags, summary: 'Create a customer', body: RecordBody, response: withErrors({ 201: Record_ }, [400, 401, 403, 409, 422, 429]) } }, async (request, reply) => {
    const ctx = await requestContext(request, deps);
    reply.status(201);
    return records.create(ctx, request.body);
  });

  app.get<{ Params: typeof IdParams.static }>('/api/customers/:id', { ...openRecordSerializer, schema: { tags, summary: 'One customer', params: IdParams, response: withErrors({ 200: Record_ }) } }, async (request) => {
    const ctx = await requestContext(request, deps);
    return records.get(ctx, request.params.id);
  });

  app.patch<{ Params: typeof IdParams.static; Body: Record<string, unknown> }>('/api/customers/:id', { schema: { tags, summary: 'Update fields of a customer', params: IdParams, body: RecordBody, response: withErrors({ 200: Record_ }, [400, 401, 403, 404, 409, 422, 429]) } }, async (request) => {
    const ctx = await requestContext(request, deps);
    return records.update(ctx, request.params.id, request.body);
  });

  app.delete<{ Params: typeof IdParams.static }>('/api/customers/:id', { schema: { tags, summary: 'Delete a customer', params: IdParams, response: withErrors({ 204: Type.Null() }) } }, async (request, reply) => {
    const ctx = await requestContext(request, deps);
    await records.remove(ctx, request.params.id);
    return reply.status(204).send();
  });

  const RevealBody = Type.Object({ field: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
  app.post<{ Params: typeof IdParams.static; Body: typeof RevealBody.static }>('/api/customers/:id/reveal', { config: { idempotency: 'ignore' }, schema: { tags, summary: 'Reveal the clear value of a sensitive field (audited)', params: IdParams, body: RevealBody, response: withErrors({ 200: Type.Object({ field: Type.String(), value: Type.Union([Type.String(), Type.Null()]) }) }) } }, async (request) => {
    const ctx = await requestContext(request, deps);
    return { field: request.body.field, value: await records.reveal(ctx, request.params.id, request.body.field) };
  });

  const TransferBody = Type.Object({ ownerId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
  app.post<{ Params: typeof IdParams.static; Body: typeof TransferBody.static }>('/api/customers/:id/transfer', { schema: { tags, summary: 'Transfer a customer to another owner', params: IdParams, body: TransferBody, response: withErrors({ 200: Record_ }) } }, async (request) => {
    const ctx = await requestContext(request, deps);
    return records.transfer(ctx, request.params.id, request.body.ownerId);
  });
}
