import type { Sql } from '../../platform/db/index.js';
import type { ColumnMapping } from './mapping.js';

export type TemplateObject = 'customers' | 'orders' | 'events';

export interface ImportTemplate {
  id: number;
  object: TemplateObject;
  name: string;
  mapping: ColumnMapping;
  updatedAt: string;
}

type Row = { id: number; object: TemplateObject; name: string; mapping: ColumnMapping; updated_at: Date };
const COLUMNS = 'id, object, name, mapping, updated_at';
const toTemplate = (r: Row): ImportTemplate => ({ id: Number(r.id), object: r.object, name: r.name, mapping: r.mapping, updatedAt: r.updated_at.toISOString() });

export async function listTemplates(sql: Sql, object: TemplateObject): Promise<ImportTemplate[]> {
  const rows = await sql.query<Row>(`SELECT ${COLUMNS} FROM import_templates WHERE object = $1 ORDER BY name`, [object]);
  return rows.rows.map(toTemplate);
}

export async function findTemplate(sql: Sql, object: TemplateObject, name: string): Promise<ImportTemplate | null> {
  const rows = await sql.query<Row>(`SELECT ${COLUMNS} FROM import_templates WHERE object = $1 AND name = $2`, [object, name]);
  return rows.rows[0] ? toTemplate(rows.rows[0]) : null;
}

/** Creates or replaces (by object + name) a template; says which. */
export async function upsertTemplate(sql: Sql, object: TemplateObject, name: string, mapping: ColumnMapping, userId: number, now: Date): Promise<{ template: ImportTemplate; created: boolean }> {
  const saved = await sql.query<Row & { created: boolean }>(
    `INSERT INTO import_templates (object, name, mapping, created_by, created_at, updated_by, updated_at) VALUES ($1, $2, $3::jsonb, $4, $5, $4, $5)
     ON CONFLICT (object, name) DO UPDATE SET mapping = EXCLUDED.mapping, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
     RETURNING ${COLUMNS}, (xmax = 0) AS created`,
    [object, name, JSON.stringify(mapping), userId, now],
  );
  const row = saved.rows[0]!;
  return { template: toTemplate(row), created: row.created };
}

/** A template by id, locked for deletion (inside a transaction). */
export async function lockTemplate(sql: Sql, id: number): Promise<ImportTemplate | null> {
  const row = (await sql.query<Row>(`SELECT ${COLUMNS} FROM import_templates WHERE id = $1 FOR UPDATE`, [id])).rows[0];
  return row ? toTemplate(row) : null;
}

export async function deleteTemplateRow(sql: Sql, id: number): Promise<void> {
  await sql.query('DELETE FROM import_templates WHERE id = $1', [id]);
}
