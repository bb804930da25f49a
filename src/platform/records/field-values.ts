import { AppError } from '../errors/index.js';
import type { FieldDefinition } from './field-definition.js';

/** A value ready for the database (before encryption), or null to clear. */
export type StoredValue = string | number | boolean | Date | string[] | null;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^\+?[\d(][\d \-()]{4,24}( *(#|ext\.?|转) *\d{1,6})?$/i;

/** C0 controls and DEL; with `allowLineBreaks`, tab, LF and CR are fine (multi-line text). */
export function hasControlCharacters(text: string, allowLineBreaks = false): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (allowLineBreaks && (code === 9 || code === 10 || code === 13)) continue;
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function invalid(field: FieldDefinition, reason: string): AppError {
  return new AppError('field.invalid_value', { field: field.key, params: { field: field.key, reason } });
}

/** A real calendar day (no 2026-02-30). */
function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

function isValidDate(text: string): boolean {
  return isCalendarDate(text) && Number(text.slice(0, 4)) >= 1900;
}

/**
 * Checks and converts one input value for a field. Pure: no I/O. Throws `field.invalid_value`
 * naming the field. Empty strings clear a value; `null` clears it.
 */
export function coerceFieldValue(field: FieldDefinition, raw: unknown): StoredValue {
  if (raw === null || raw === undefined || raw === '') return null;
  switch (field.type) {
    case 'number':
    case 'money':
      return coerceNumber(field, raw);
    case 'boolean':
      if (typeof raw !== 'boolean') throw invalid(field, 'boolean expected');
      return raw;
    case 'user':
    case 'department':
      if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw <= 0) throw invalid(field, 'id expected');
      return raw;
    case 'multiselect':
      return coerceMultiselect(field, raw);
    default:
      break;
  }
  if (typeof raw !== 'string') throw invalid(field, 'string expected');
  const text = raw.trim();
  if (text === '') return null;
  if (text.length > (field.maxLength ?? 2000)) throw invalid(field, 'too long');
  if (field.normalize) {
    const normalized = field.normalize(text);
    if (normalized === null) throw invalid(field, `bad ${field.type}`);
    return normalized;
  }
  return coerceText(field, text);
}

function coerceText(field: FieldDefinition, text: string): StoredValue {
  if (field.type !== 'text' && hasControlCharacters(text)) throw invalid(field, 'control characters');
  switch (field.type) {
    case 'date':
      if (!isValidDate(text)) throw invalid(field, 'YYYY-MM-DD expected');
      return text;
    case 'datetime': {
      const d = new Date(text);
      // new Date() rolls 2026-02-30 over to March: check the calendar day as written.
      if (!DATETIME.test(text) || Number.isNaN(d.getTime()) || !isCalendarDate(text.slice(0, 10))) throw invalid(field, 'ISO 8601 with time zone expected');
      return d;
    }
    case 'select':
      if (!field.options.some((o) => o.value === text)) throw invalid(field, 'not an option');
      return text;
    case 'email':
      if (!EMAIL.test(text) || hasControlCharacters(text)) throw invalid(field, 'bad email');
      return text.toLowerCase();
    case 'phone':
      if (!PHONE.test(text)) throw invalid(field, 'bad phone');
      return text;
    case 'url':
      return coerceUrl(field, text);
    case 'region':
      if (!/^\d{6}$/.test(text)) throw invalid(field, '6-digit division code expected');
      return text;
    default:
      if (hasControlCharacters(text, true)) throw invalid(field, 'control characters');
      return text;
  }
}

function coerceNumber(field: FieldDefinition, raw: unknown): number {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) throw invalid(field, 'number expected');
  if (Math.abs(raw) >= 1e13) throw invalid(field, 'out of range');
  if (field.type === 'money' && Math.round(raw * 100) / 100 !== raw) throw invalid(field, 'at most 2 decimals');
  return raw;
}

function coerceMultiselect(field: FieldDefinition, raw: unknown): string[] | null {
  if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string')) throw invalid(field, 'array of options expected');
  const values = [...new Set(raw as string[])];
  if (values.some((v) => !field.options.some((o) => o.value === v))) throw invalid(field, 'not an option');
  return values.length === 0 ? null : values;
}

function coerceUrl(field: FieldDefinition, text: string): string {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    return text;
  } catch {
    throw invalid(field, 'http(s) URL expected');
  }
}
