/**
 * 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015.
 *
 * 18 characters from `0-9 A-H J-N P-R T U W X Y` (no I, O, Z, S, V). Layout: 1 registration
 * authority, 1 organisation type, 6 division code, 9 organisation code, 1 check character.
 * Check character: C18 = 31 − (Σ value(Ci) × Wi mod 31), where 31 maps to 0.
 *
 * Per DOMAIN §2 a bad code is reported ("warn, not reject"): the caller keeps the raw value and
 * shows `reason`; `valid` only says whether the code passed. Pure; never throws.
 */
import { toHalfWidth } from './width-folding.js';

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export interface CreditCodeResult {
  /** Upper-cased, width-folded, separators removed (even when invalid, so it can be shown). */
  value: string;
  valid: boolean;
  /** Why it failed; null when valid. */
  reason: string | null;
}

/** The check character for the first 17 characters, or null if one is outside the charset. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17[i] ?? '');
    if (v < 0) return null;
    sum += v * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARSET[check] ?? null;
}

export function validateCreditCode(input: string): CreditCodeResult {
  const value = toHalfWidth(String(input ?? ''))
    .replace(/[\s-]/g, '')
    .toUpperCase();
  if (value.length !== 18) return { value, valid: false, reason: `length ${value.length}, expected 18` };
  const bad = [...value].find((c) => !CREDIT_CODE_CHARSET.includes(c));
  if (bad !== undefined) return { value, valid: false, reason: `character "${bad}" not allowed` };
  if (!/^\d{6}$/.test(value.slice(2, 8))) {
    return { value, valid: false, reason: 'positions 3–8 must be a 6-digit division code' };
  }
  const expected = creditCodeCheckChar(value.slice(0, 17));
  if (expected !== value[17]) {
    return { value, valid: false, reason: `check character should be ${expected}` };
  }
  return { value, valid: true, reason: null };
}
