import { appendAudit } from '../../platform/audit/index.js';
import type { Sql } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { AppDeps } from '../../platform/http/index.js';
import { auditEntry, type RecordService, type RequestContext } from '../../platform/records/index.js';
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

/** Deletes a template the caller may import the object of; audited. A missing one is `record.not_found`. */
export async function deleteTemplate(deps: AppDeps, records: RecordService, ctx: RequestContext, id: number): Promise<void> {
  await deps.db.tx(async (sql) => {
    const row = (await sql.query<Row>('SELECT id, object, name, mapping, updated_at FROM import_templates WHERE id = $1 FOR UPDATE', [id])).rows[0];
    if (!row) throw new AppError('record.not_found');
    requireImport(records, ctx, row.object);
    await sql.query('DELETE FROM import_templates WHERE id = $1', [row.id]);
    await appendAudit(sql, [auditEntry(ctx, deps.clock.now(), 'import_template.delete', 'import_template', String(row.id), { object: row.object, name: row.name })]);
  });
}
