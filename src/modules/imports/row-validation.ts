import { AppError, type ErrorCode, errorMessage, isAppError, type Locale } from '../../platform/errors/index.js';
import { coerceFieldValue, type StoredValue, type VisibleField } from '../../platform/records/index.js';
import { type ColumnMapping, matchOption } from './mapping.js';

export interface RowError {
  /** Line in the file as a spreadsheet shows it: the header is row 1, the first data row 2. */
  row: number;
  field: string;
  code: string;
  message: string;
}

/**
 * One `field.invalid_value` per cell holding a NUL character (U+0000), which a PostgreSQL text value
 * cannot hold: such a row is refused like any invalid row instead of failing the whole import. The
 * field is the column's mapped key, else its header. Pure; [] for the usual row.
 */
export function nulCellErrors(cells: readonly string[], row: number, headers: readonly string[], mapping: ColumnMapping, locale: Locale): RowError[] {
  let errors: RowError[] | undefined;
  for (let i = 0; i < cells.length; i++) {
    if (!cells[i]!.includes('\u0000')) continue;
    const header = headers[i] ?? `column ${i + 1}`;
    const field = mapping[header] ?? header;
    errors ??= [];
    errors.push({ row, field, code: 'field.invalid_value', message: errorMessage('field.invalid_value', locale, { field, reason: 'contains a NUL character (U+0000)' }) });
  }
  return errors ?? [];
}

export interface ValidRow {
  row: number;
  values: Map<string, StoredValue>;
}

/** A mapped column: its index in the row and the field it fills. */
export interface MappedColumn {
  index: number;
  header: string;
  field: VisibleField;
}

/**
 * Checks a mapping against the file's headers and what the caller may write, as the API checks a
 * body: unknown or hidden → field.unknown, system → field.not_writable, read-only →
 * permission.field_read_only; a required field left unmapped → field.required. Pure; throws AppError.
 */
export function resolveColumns(headers: readonly string[], mapping: ColumnMapping, fields: readonly VisibleField[]): MappedColumn[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const columns: MappedColumn[] = [];
  const used = new Set<string>();
  for (const [header, key] of Object.entries(mapping)) {
    const index = headers.indexOf(header);
    if (index < 0) throw new AppError('request.invalid', { field: 'mapping', params: { reason: `no column "${header}" in the file` } });
    const field = byKey.get(key);
    if (!field) throw new AppError('field.unknown', { field: key, params: { field: key } });
    if (field.system) throw new AppError('field.not_writable', { field: key, params: { field: key } });
    if (field.access !== 'edit') throw new AppError('permission.field_read_only', { field: key, params: { field: key } });
    if (used.has(key)) throw new AppError('request.invalid', { field: 'mapping', params: { reason: `field ${key} is mapped twice` } });
    used.add(key);
    columns.push({ index, header, field });
  }
  const missing = fields.find((f) => f.required && !f.system && !used.has(f.key));
  if (missing) throw new AppError('field.required', { field: missing.key, params: { field: missing.key } });
  return columns;
}

const TRUE = new Set(['是', 'true', '1', 'yes', 'y', '对', '√']);
const FALSE = new Set(['否', 'false', '0', 'no', 'n', '错', '×']);

/** Spreadsheet text → the JSON-like value the API would receive for this field. Pure. */
export function cellInput(field: VisibleField, text: string): unknown {
  const t = text.trim();
  if (t === '') return null;
  switch (field.type) {
    case 'number':
    case 'money': {
      const n = Number(t.replace(/[,，¥￥\s]/g, ''));
      return Number.isFinite(n) ? n : t;
    }
    case 'boolean':
      return TRUE.has(t.toLowerCase()) ? true : FALSE.has(t.toLowerCase()) ? false : t;
    case 'user':
    case 'department':
      return /^\d{1,15}$/.test(t) ? Number(t) : t;
    case 'select':
      return matchOption(field.options, t) ?? t;
    case 'multiselect':
      return t.split(/[,，;；、|]/).map((p) => p.trim()).filter(Boolean).map((p) => matchOption(field.options, p) ?? p);
    case 'date': {
      const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
      return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : t;
    }
    default:
      return t;
  }
}

function rowError(row: number, field: string, code: ErrorCode, params: Record<string, string | number>, locale: Locale): RowError {
  return { row, field, code, message: errorMessage(code, locale, params) };
}

/** Validates one data row with the record layer's own coercion (coerceFieldValue). Pure. */
export function validateRow(cells: readonly string[], row: number, columns: readonly MappedColumn[], locale: Locale): ValidRow | RowError[] {
  const values = new Map<string, StoredValue>();
  const errors: RowError[] = [];
  for (const { index, field } of columns) {
    try {
      const value = coerceFieldValue(field, cellInput(field, cells[index] ?? ''));
      if (value === null && field.required) errors.push(rowError(row, field.key, 'field.required', { field: field.key }, locale));
      else if (value !== null) values.set(field.key, value);
    } catch (error) {
      if (!isAppError(error)) throw error;
      errors.push(rowError(row, field.key, error.code, { field: field.key, reason: '', ...error.options.params }, locale));
    }
  }
  return errors.length ? errors : { row, values };
}
