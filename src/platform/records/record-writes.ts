import type { Keyring } from '../crypto/index.js';
import type { Sql } from '../db/index.js';
import { AppError } from '../errors/index.js';
import type { VisibleField } from './field-catalogue.js';
import { coerceFieldValue, type StoredValue } from './field-values.js';

/** Validated input for a write: column → value, and the audit view of each change. */
export interface PreparedWrite {
  columns: string[];
  values: unknown[];
  /** field key → stored value (clear) for audit and comparison. */
  changes: Map<string, StoredValue>;
}

/**
 * Checks a create/update body against what this caller may write. Pure. Unknown or hidden
 * properties → `field.unknown`; system fields → `field.not_writable`; read-only → `permission.field_read_only`.
 */
export function prepareWrite(
  body: Record<string, unknown>,
  fields: readonly VisibleField[],
  keyring: Keyring,
  mode: 'create' | 'update',
): PreparedWrite {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const prepared: PreparedWrite = { columns: [], values: [], changes: new Map() };
  for (const [key, raw] of Object.entries(body)) {
    const field = byKey.get(key);
    if (!field) throw new AppError('field.unknown', { field: key, params: { field: key } });
    if (field.system) throw new AppError('field.not_writable', { field: key, params: { field: key } });
    if (field.access !== 'edit') throw new AppError('permission.field_read_only', { field: key, params: { field: key } });
    const value = coerceFieldValue(field, raw);
    if (value === null && field.required) throw new AppError('field.required', { field: key, params: { field: key } });
    prepared.changes.set(key, value);
    if (field.sensitive) {
      prepared.columns.push(`${field.column}_enc`, `${field.column}_bidx`);
      prepared.values.push(
        value === null ? null : keyring.encrypt(String(value)),
        value === null ? null : keyring.blindIndex(field.key, String(value)),
      );
    } else {
      prepared.columns.push(field.column);
      prepared.values.push(value);
    }
  }
  if (mode === 'create') {
    for (const field of fields) {
      if (field.required && !field.system && !prepared.changes.has(field.key)) {
        throw new AppError('field.required', { field: field.key, params: { field: field.key } });
      }
    }
  }
  return prepared;
}

/** User and department references must point at existing rows (one query per kind). */
export async function checkReferences(sql: Sql, fields: readonly VisibleField[], changes: Map<string, StoredValue>) {
  for (const kind of ['user', 'department'] as const) {
    const refs = fields.filter((f) => f.type === kind && typeof changes.get(f.key) === 'number');
    if (refs.length === 0) continue;
    const ids = refs.map((f) => changes.get(f.key) as number);
    const table = kind === 'user' ? 'users' : 'departments';
    const found = new Set(
      (await sql.query<{ id: number }>(`SELECT id FROM ${table} WHERE id = ANY($1)`, [ids])).rows.map((r) => r.id),
    );
    const missing = refs.find((f) => !found.has(changes.get(f.key) as number));
    if (missing) {
      throw new AppError('field.invalid_value', {
        field: missing.key,
        params: { field: missing.key, reason: `no such ${kind}` },
      });
    }
  }
}
