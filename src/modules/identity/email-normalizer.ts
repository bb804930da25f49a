/**
 * Email cleaning: full-width → half-width, trim, lower-case, then a deliberately simple
 * structural check (this is a data-quality filter, not an RFC 5322 parser).
 * Pure; never throws.
 */
import { toHalfWidth } from './width-folding.js';

export interface EmailResult {
  /** Normalised address, or null when invalid. */
  value: string | null;
  valid: boolean;
  /** Why it is invalid; empty when valid. */
  reason: string | null;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]/;
const LOCAL_RE = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const LABEL_RE = /^[a-z0-9\u00a0-\uffff](?:[a-z0-9\u00a0-\uffff-]*[a-z0-9\u00a0-\uffff])?$/;

function invalid(reason: string): EmailResult {
  return { value: null, valid: false, reason };
}

/** Full-width 。 and ＠ are common when typed with a Chinese IME; they fold to . and @. */
export function normalizeEmail(input: string): EmailResult {
  const raw = toHalfWidth(String(input ?? '')).replace(/。/g, '.');
  if (CONTROL_RE.test(raw.trim())) return invalid('control character');
  const s = raw.trim().toLowerCase();
  if (s === '') return invalid('empty');
  if (/\s/.test(s)) return invalid('contains space');
  const at = s.lastIndexOf('@');
  if (at <= 0 || s.indexOf('@') !== at) return invalid('must contain exactly one @ with a local part');
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (local.length > 64 || s.length > 254) return invalid('too long');
  if (!LOCAL_RE.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return invalid('invalid local part');
  }
  if (!domain.includes('.')) return invalid('domain has no dot');
  const labels = domain.split('.');
  if (labels.some((l) => !LABEL_RE.test(l))) return invalid('invalid domain');
  const tld = labels[labels.length - 1] ?? '';
  if (/^\d+$/.test(tld) || tld.length < 2) return invalid('invalid top-level domain');
  return { value: s, valid: true, reason: null };
}
