/**
 * Field comparators: each returns a similarity in [0, 1] and a short reason label, or null when one
 * side is missing (a missing value is neither evidence for nor against a match). Pure.
 */
import { jaroWinkler, levenshtein } from './similarity.js';

export type ComparatorKind = 'exact' | 'fuzzy' | 'date' | 'id';

export interface Comparison {
  similarity: number;
  /** e.g. `exact`, `fuzzy`, `day-month-swap`, `one-digit`, `transposition`, `differ`. */
  how: string;
}

/** Lower-case, fold whitespace, trim. The only normalisation every comparator applies. */
export function normalizeValue(v: string | undefined | null): string {
  return (v ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
}

function digits(v: string): string {
  return v.replace(/\D/g, '');
}

/** Same length, exactly one position differs. */
function oneSubstitution(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length && diff < 2; i++) if (a[i] !== b[i]) diff++;
  return diff === 1;
}

/** Same length, differs only by one swap of two adjacent characters. */
function adjacentTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (i >= a.length - 1) return false;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** A value with the derived forms the comparators need, computed once per record and field. */
export interface PreparedValue {
  raw: string;
  digits: string;
  /** Word tokens sorted and joined with one space. */
  sorted: string;
  /** Word tokens joined without spaces. */
  joined: string;
}

export function prepareValue(raw: string): PreparedValue {
  const tokens = raw.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
  return { raw, digits: digits(raw), sorted: [...tokens].sort().join(' '), joined: tokens.join('') };
}

export function compareExact(a: string, b: string): Comparison | null {
  if (a === '' || b === '') return null;
  return a === b ? { similarity: 1, how: 'exact' } : { similarity: 0, how: 'differ' };
}

/** Token-sort Jaro-Winkler (see similarity.ts). */
export function compareFuzzy(a: string, b: string): Comparison | null {
  return compareFuzzyPrepared(prepareValue(a), prepareValue(b));
}

function compareFuzzyPrepared(a: PreparedValue, b: PreparedValue): Comparison | null {
  if (a.raw === '' || b.raw === '') return null;
  if (a.raw === b.raw) return { similarity: 1, how: 'exact' };
  // Same as tokenSortJaroWinkler, on precomputed forms (skipping forms equal to the raw strings).
  let best = jaroWinkler(a.raw, b.raw);
  if (a.sorted !== a.raw || b.sorted !== b.raw) best = Math.max(best, a.sorted === b.sorted ? 1 : jaroWinkler(a.sorted, b.sorted));
  if (best < 1 && (a.joined !== a.raw || b.joined !== b.raw)) best = Math.max(best, jaroWinkler(a.joined, b.joined));
  return { similarity: best, how: 'fuzzy' };
}

/**
 * Dates as digit strings (YYYYMMDD, or anything with separators removed). Exact 1; day and month
 * swapped 0.85; one digit wrong or two adjacent digits swapped 0.8; two digits wrong 0.4.
 */
export function compareDate(a: string, b: string): Comparison | null {
  return compareDateDigits(digits(a), digits(b));
}

function compareDateDigits(da: string, db: string): Comparison | null {
  if (da === '' || db === '') return null;
  if (da === db) return { similarity: 1, how: 'exact' };
  if (da.length === 8 && db.length === 8 && da.slice(0, 4) === db.slice(0, 4) && da.slice(4, 6) === db.slice(6, 8) && da.slice(6, 8) === db.slice(4, 6)) {
    return { similarity: 0.85, how: 'day-month-swap' };
  }
  if (oneSubstitution(da, db)) return { similarity: 0.8, how: 'one-digit' };
  if (adjacentTransposition(da, db)) return { similarity: 0.8, how: 'transposition' };
  if (da.length === db.length && levenshtein(da, db) === 2) return { similarity: 0.4, how: 'two-digits' };
  return { similarity: 0, how: 'differ' };
}

/**
 * Numeric identifiers (ids, postcodes, phone numbers): compared on digits when both have any,
 * else on the raw value. Exact 1; one adjacent transposition 0.85; one digit wrong, inserted or
 * deleted 0.75 (values of at least 3 characters); otherwise the normalised Levenshtein similarity
 * pushed down (squared, halved), so that unrelated ids stay near 0.
 */
export function compareId(a: string, b: string): Comparison | null {
  return compareIdPrepared(a, b, digits(a), digits(b));
}

function compareIdPrepared(a: string, b: string, da: string, db: string): Comparison | null {
  if (a === '' || b === '') return null;
  const x = da !== '' && db !== '' ? da : a;
  const y = da !== '' && db !== '' ? db : b;
  if (x === y) return { similarity: 1, how: 'exact' };
  // On one- or two-character values (house numbers) a single edit is a different value.
  if (Math.min(x.length, y.length) < 3) return { similarity: 0, how: 'differ' };
  if (adjacentTransposition(x, y)) return { similarity: 0.85, how: 'transposition' };
  const d = levenshtein(x, y);
  if (d === 1) return { similarity: 0.75, how: 'one-digit' };
  const s = 1 - d / Math.max(x.length, y.length);
  return { similarity: s * s * 0.5, how: 'differ' };
}

export function compareField(kind: ComparatorKind, a: string, b: string): Comparison | null {
  return comparePrepared(kind, prepareValue(a), prepareValue(b));
}

/** compareField on prepared values (the matcher prepares each record's values once). */
export function comparePrepared(kind: ComparatorKind, a: PreparedValue, b: PreparedValue): Comparison | null {
  switch (kind) {
    case 'exact':
      return compareExact(a.raw, b.raw);
    case 'fuzzy':
      return compareFuzzyPrepared(a, b);
    case 'date':
      return compareDateDigits(a.raw === '' ? '' : a.digits, b.raw === '' ? '' : b.digits);
    case 'id':
      return compareIdPrepared(a.raw, b.raw, a.digits, b.digits);
  }
}
