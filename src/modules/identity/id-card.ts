/**
 * 居民身份证号码 (PRC resident identity card number, GB 11643-1999), 18 characters.
 *
 * SENSITIVE PERSONAL INFORMATION (个人信息保护法 敏感个人信息): never log, export or display the
 * value unmasked; store only where a consent and a purpose exist. This module only validates.
 *
 * Layout: 6-digit region code (not starting with 0) + YYYYMMDD birth date + 3-digit sequence
 * (odd = male, even = female) + ISO 7064 MOD 11-2 check character (0–9 or X).
 * Pure: "today" is an argument, there is no clock. Never throws.
 */
import { toHalfWidth } from './width-folding.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_MAP = '10X98765432';

export interface IdCardResult {
  /** Half-width, upper-case X, separators removed (even when invalid). */
  value: string;
  valid: boolean;
  /** ISO date `YYYY-MM-DD` when positions 7–14 form a real date, else null. */
  birthDate: string | null;
  /** From the 17th digit when it is a digit, else null. */
  gender: 'male' | 'female' | null;
  /** Every failed rule; empty when valid. */
  reasons: string[];
}

/** The MOD 11-2 check character for 17 digits, or null when the input is not 17 digits. */
export function idCardCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_MAP[sum % 11] ?? null;
}

/** `YYYY-MM-DD` for a real calendar date in `yyyymmdd`, or null. */
function realDate(yyyymmdd: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/**
 * Validate an 18-character ID number. `today` is an ISO date `YYYY-MM-DD` (or a Date, read in UTC);
 * a birth date after it is rejected, as is one before 1900-01-01.
 */
export function validateIdCard(input: string, today: string | Date): IdCardResult {
  const value = toHalfWidth(String(input ?? ''))
    .replace(/[\s-]/g, '')
    .toUpperCase();
  const reasons: string[] = [];
  if (!/^\d{17}[\dX]$/.test(value)) {
    reasons.push(value.length === 18 ? 'must be 17 digits followed by a digit or X' : `length ${value.length}, expected 18`);
  }
  if (!/^[1-9]\d{5}/.test(value)) reasons.push('region code must be 6 digits not starting with 0');
  const birthDate = realDate(value.slice(6, 14));
  const todayIso = typeof today === 'string' ? today.slice(0, 10) : today.toISOString().slice(0, 10);
  if (birthDate === null) reasons.push('birth date (positions 7–14) is not a real date');
  else if (birthDate > todayIso) reasons.push('birth date is in the future');
  else if (birthDate < '1900-01-01') reasons.push('birth date before 1900');
  const seq = value[16];
  const gender = seq !== undefined && /\d/.test(seq) ? (Number(seq) % 2 === 1 ? 'male' : 'female') : null;
  const expected = idCardCheckChar(value.slice(0, 17));
  if (expected !== null && value.length === 18 && expected !== value[17]) reasons.push(`check character should be ${expected}`);
  return { value, valid: reasons.length === 0, birthDate, gender, reasons };
}
