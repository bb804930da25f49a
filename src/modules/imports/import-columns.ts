import { AppError } from '../../platform/errors/index.js';
import { type ColumnMapping, mappingFromWords, normalizeHeader } from './mapping.js';

/** A column an order or event import understands: its key and the header words that suggest it. */
export interface ImportColumn {
  key: string;
  words: readonly string[];
  required?: boolean;
}

/** Field key → the cell's index in a row. */
export type ColumnIndex = ReadonlyMap<string, number>;

/** Suggests header → key from the column words (normalized like the customer import). Pure. */
export function suggestColumns(headers: readonly string[], columns: readonly ImportColumn[]): ColumnMapping {
  const index = new Map<string, string>();
  for (const c of columns) for (const w of [c.key, ...c.words]) if (!index.has(normalizeHeader(w))) index.set(normalizeHeader(w), c.key);
  return mappingFromWords(headers, index);
}

/**
 * Checks a mapping against the headers and the known keys: header missing → request.invalid, unknown
 * key → field.unknown, a key twice → request.invalid, required key unmapped → field.required.
 * `oneOf` lists keys of which at least one must be mapped (the customer reference). Pure; throws.
 */
export function resolveImportColumns(headers: readonly string[], mapping: ColumnMapping, columns: readonly ImportColumn[], oneOf: readonly string[]): ColumnIndex {
  const known = new Set(columns.map((c) => c.key));
  const index = new Map<string, number>();
  for (const [header, key] of Object.entries(mapping)) {
    const at = headers.indexOf(header);
    if (at < 0) throw new AppError('request.invalid', { field: 'mapping', params: { reason: `no column "${header}" in the file` } });
    if (!known.has(key)) throw new AppError('field.unknown', { field: key, params: { field: key } });
    if (index.has(key)) throw new AppError('request.invalid', { field: 'mapping', params: { reason: `field ${key} is mapped twice` } });
    index.set(key, at);
  }
  const missing = columns.find((c) => c.required && !index.has(c.key));
  if (missing) throw new AppError('field.required', { field: missing.key, params: { field: missing.key } });
  if (oneOf.length > 0 && !oneOf.some((k) => index.has(k))) throw new AppError('field.required', { field: 'customer', params: { field: `customer (${oneOf.join(' / ')})` } });
  return index;
}

/** The trimmed cell of a key, '' when unmapped or absent. */
export function cellOf(cells: readonly string[], columns: ColumnIndex, key: string): string {
  const at = columns.get(key);
  return at === undefined ? '' : (cells[at] ?? '').trim();
}

const LOCAL_TIME = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A spreadsheet time: ISO 8601 with an offset, or a local date / date-time (`2026-01-02 10:30`,
 * `2026/1/2`, `2026年1月2日`) read as China time (UTC+8). null when not a real calendar time. Pure.
 */
export function parseImportTime(text: string): Date | null {
  if (ZONED_TIME.test(text)) {
    const d = new Date(text);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const m = LOCAL_TIME.exec(text);
  if (!m) return null;
  // Checked by arithmetic rather than by a Date round trip: a 10M-line order import parses a time per order.
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = m[4] === undefined ? 0 : Number(m[4]);
  const mi = m[5] === undefined ? 0 : Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  // Years below 100 are refused: Date.UTC would read them as 19xx.
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  return new Date(Date.UTC(y, mo - 1, d, h - 8, mi, s));
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, mo: number): number {
  return mo === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : DAYS_IN_MONTH[mo - 1]!;
}
