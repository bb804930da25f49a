import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { appendAudit } from '../../platform/audit/index.js';
import type { Sql } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import { type AppDeps, requestContext, withErrors } from '../../platform/http/index.js';
import { auditEntry, RecordService, type RequestContext } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import type { ColumnMapping } from './mapping.js';

export type TemplateObject = 'customers' | 'orders' | 'events';

export interface ImportTemplate {
  id: number;
  object: TemplateObject;
  name: string;
  mapping: ColumnMapping;
  updatedAt: string;
}

const MAX_COLUMNS = 200;

/** Who may use and keep templates of an object: whoever may import it (customers: create; orders and events: update customers). */
export function requireImport(records: RecordService, ctx: RequestContext, object: TemplateObject): void {
  records.require(ctx, object === 'customers' ? 'create' : 'update');
}

/** A template's mapping: at most 200 columns, header and field key 1–200 characters each. Pure. */
export function checkTemplateMapping(mapping: Record<string, unknown>): ColumnMapping {
  const entries = Object.entries(mapping);
  if (entries.length === 0 || entries.length > MAX_COLUMNS) throw new AppError('request.invalid', { field: 'mapping', params: { reason: `a template maps 1–${MAX_COLUMNS} columns` } });
  const out: ColumnMapping = {};
  for (const [header, key] of entries) {
    if (typeof key !== 'string' || header.length === 0 || header.length > 200 || key.length === 0 || key.length > 200) {
      throw new AppError('request.invalid', { field: `mapping.${header}`, params: { reason: 'column headers and field keys are 1–200 characters' } });
    }
    out[header] = key;
  }
  return out;
}

type Row = { id: number; object: TemplateObject; name: string; mapping: ColumnMapping; updated_at: Date };
const toTemplate = (r: Row): ImportTemplate => ({ id: Number(r.id), object: r.object, name: r.name, mapping: r.mapping, updatedAt: r.updated_at.toISOString() });

export async function listTemplates(sql: Sql, object: TemplateObject): Promise<ImportTemplate[]> {
  const rows = await sql.query<Row>('SELECT id, object, name, mapping, updated_at FROM import_templates WHERE object = $1 ORDER BY name', [object]);
  return rows.rows.map(toTemplate);
}

export async function findTemplate(sql: Sql, object: TemplateObject, name: string): Promise<ImportTemplate | null> {
  const rows = await sql.query<Row>('SELECT id, object, name, mapping, updated_at FROM import_templates WHERE object = $1 AND name = $2', [object, name]);
  return rows.rows[0] ? toTemplate(rows.rows[0]) : null;
}

/** Saves (creates or replaces by object + name) a template; audited. */
export async function saveTemplate(deps: AppDeps, ctx: RequestContext, object: TemplateObject, name: string, mapping: ColumnMapping): Promise<ImportTemplate> {
  const now = deps.clock.now();
  const me = ctx.access.actor.userId;
  return deps.db.tx(async (sql) => {
    const saved = await sql.query<Row & { created: boolean }>(
      `INSERT INTO import_templates (object, name, mapping, created_by, created_at, updated_by, updated_at) VALUES ($1, $2, $3::jsonb, $4, $5, $4, $5)
       ON CONFLICT (object, name) DO UPDATE SET mapping = EXCLUDED.mapping, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
       RETURNING id, object, name, mapping, updated_at, (xmax = 0) AS created`,
      [object, name, JSON.stringify(mapping), me, now],
    );
    const row = saved.rows[0]!;
    await appendAudit(sql, [auditEntry(ctx, now, row.created ? 'import_template.create' : 'import_template.update', 'import_template', String(row.id), { object, name, mapping })]);
    return toTemplate(row);
  });
}

const Objects = Type.Union([Type.Literal('customers'), Type.Literal('orders'), Type.Literal('events')]);
const Mapping = Type.Record(Type.String(), Type.String(), { description: '{"column header": "field key"}, as the import answers it' });
const TemplateDto = Type.Object({ id: Type.Integer(), object: Objects, name: Type.String(), mapping: Mapping, updatedAt: Type.String() });
const ListQuery = Type.Object({ object: Objects }, { additionalProperties: false });
const SaveBody = Type.Object({ object: Objects, name: Type.String({ minLength: 1, maxLength: 100 }), mapping: Type.Record(Type.String(), Type.Unknown()) }, { additionalProperties: false });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** Saved column mappings: list per object, save (create or replace by name), delete. */
export function importTemplateRoutes(app: FastifyInstance, deps: AppDeps): void {
  const records = new RecordService(deps, customerObject);
  const tags = ['imports'];

  app.get<{ Querystring: typeof ListQuery.static }>(
    '/api/imports/templates',
    { schema: { tags, summary: 'Saved column mappings (templates) for importing an object', querystring: ListQuery, response: withErrors({ 200: Type.Object({ items: Type.Array(TemplateDto) }) }) } },
    async (request) => {
      const ctx = await requestContext(request, deps);
      requireImport(records, ctx, request.query.object);
      return { items: await listTemplates(deps.db, request.query.object) };
    },
  );

  app.put<{ Body: typeof SaveBody.static }>(
    '/api/imports/templates',
    { schema: { tags, summary: 'Save a column mapping as a template (a template of the same object and name is replaced); audited', body: SaveBody, response: withErrors({ 200: TemplateDto }, [400, 401, 403, 429]) } },
    async (request) => {
      const ctx = await requestContext(request, deps);
      requireImport(records, ctx, request.body.object);
      const name = request.body.name.trim();
      if (!name) throw new AppError('request.invalid', { field: 'name', params: { reason: 'a template needs a name' } });
      return saveTemplate(deps, ctx, request.body.object, name, checkTemplateMapping(request.body.mapping));
    },
  );

  app.delete<{ Params: typeof IdParams.static }>(
    '/api/imports/templates/:id',
    { schema: { tags, summary: 'Delete a template; audited', params: IdParams, response: withErrors({ 204: Type.Null() }) } },
    async (request, reply) => {
      const ctx = await requestContext(request, deps);
      await deps.db.tx(async (sql) => {
        const row = (await sql.query<Row>('SELECT id, object, name, mapping, updated_at FROM import_templates WHERE id = $1 FOR UPDATE', [request.params.id])).rows[0];
        if (!row) throw new AppError('record.not_found');
        requireImport(records, ctx, row.object);
        await sql.query('DELETE FROM import_templates WHERE id = $1', [row.id]);
        await appendAudit(sql, [auditEntry(ctx, deps.clock.now(), 'import_template.delete', 'import_template', String(row.id), { object: row.object, name: row.name })]);
      });
      return reply.status(204).send();
    },
  );
}
