import { hasControlCharacters } from '../../platform/records/index.js';

/**
 * Canonical forms for the customer's sensitive identifiers, used before encryption and for the
 * blind index so that `138 1234 1234`, `+86 13812341234` and `008613812341234` are one mobile.
 * Pure; `null` means "not a valid value". (The customer data center extends these.)
 */
export function normalizeMobile(input: string): string | null {
  const compact = input.replace(/[\s\-()]/g, '');
  const china = compact.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(china)) return `+86${china}`;
  if (/^\+[1-9]\d{6,14}$/.test(compact) && !compact.startsWith('+86')) return compact;
  return null;
}

// No whitespace, one @, a dot in the domain (control characters are refused separately).
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

export function normalizeEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  return EMAIL.test(email) && !hasControlCharacters(email) && email.length <= 254 ? email : null;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 18-digit 居民身份证号 with its MOD 11-2 check character. */
export function normalizeIdNumber(input: string): string | null {
  const id = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return null;
  const sum = ID_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17] ? id : null;
}
