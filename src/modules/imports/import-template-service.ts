import { appendAudit } from '../../platform/audit/index.js';
import { AppError } from '../../platform/errors/index.js';
import { auditEntry, type RecordDeps, RecordService, type RequestContext } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { deleteTemplateRow, type ImportTemplate, listTemplates, lockTemplate, type TemplateObject, upsertTemplate } from './import-template-repository.js';
import type { ColumnMapping } from './mapping.js';

const MAX_COLUMNS = 200;

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

/** Saved column mappings. Whoever may import an object may use and keep its templates (customers: create; orders and events: update customers). */
export class ImportTemplateService {
  private readonly records: RecordService;
  constructor(private readonly deps: RecordDeps) {
    this.records = new RecordService(deps, customerObject);
  }

  private requireImport(ctx: RequestContext, object: TemplateObject): void {
    this.records.require(ctx, object === 'customers' ? 'create' : 'update');
  }

  list(ctx: RequestContext, object: TemplateObject): Promise<ImportTemplate[]> {
    this.requireImport(ctx, object);
    return listTemplates(this.deps.db, object);
  }

  /** Creates or replaces (by object + name) a template; audited. */
  async save(ctx: RequestContext, object: TemplateObject, rawName: string, rawMapping: Record<string, unknown>): Promise<ImportTemplate> {
    this.requireImport(ctx, object);
    const name = rawName.trim();
    if (!name) throw new AppError('request.invalid', { field: 'name', params: { reason: 'a template needs a name' } });
    const mapping = checkTemplateMapping(rawMapping);
    const now = this.deps.clock.now();
    return this.deps.db.tx(async (sql) => {
      const { template, created } = await upsertTemplate(sql, object, name, mapping, ctx.access.actor.userId, now);
      await appendAudit(sql, [auditEntry(ctx, now, created ? 'import_template.create' : 'import_template.update', 'import_template', String(template.id), { object, name, mapping })]);
      return template;
    });
  }

  /** Deletes a template of an object the caller may import; audited. A missing one is `record.not_found`. */
  async delete(ctx: RequestContext, id: number): Promise<void> {
    await this.deps.db.tx(async (sql) => {
      const template = await lockTemplate(sql, id);
      if (!template) throw new AppError('record.not_found');
      this.requireImport(ctx, template.object);
      await deleteTemplateRow(sql, template.id);
      await appendAudit(sql, [auditEntry(ctx, this.deps.clock.now(), 'import_template.delete', 'import_template', String(template.id), { object: template.object, name: template.name })]);
    });
  }
}
