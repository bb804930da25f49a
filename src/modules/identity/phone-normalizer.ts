/**
 * Phone number cleaning for Chinese mobiles, Chinese landlines and international E.164.
 * Pure functions: no I/O, no clock, never throw.
 */
import { toHalfWidth } from './width-folding.js';

export interface MobileResult {
  /** E.164 form `+861XXXXXXXXXX`, or null when the input is not a valid mainland mobile. */
  value: string | null;
  valid: boolean;
  warnings: string[];
}

export interface LandlineResult {
  /** National area code with the trunk 0, e.g. `010`, `0755`; null when not recognised. */
  areaCode: string | null;
  /** Subscriber number, 7–8 digits. */
  number: string | null;
  extension: string | null;
  /** E.164 without extension, e.g. `+861065529988`. */
  e164: string | null;
  valid: boolean;
}

export type PhoneKind = 'mobile' | 'landline' | 'international' | 'unknown';

export interface PhoneResult {
  kind: PhoneKind;
  /** E.164 (extension, when any, is not part of it). */
  value: string | null;
  valid: boolean;
  extension: string | null;
  warnings: string[];
}

/**
 * Unusual mainland mobile prefixes worth a warning (kept deliberately small):
 * - 140–144, 146, 148, 149: data-only / IoT / M2M ranges, rarely a person's phone.
 * - 170, 171: virtual network operators (MVNO), often used for throw-away registrations.
 */
const MOBILE_PREFIX_WARNINGS: ReadonlyArray<[RegExp, string]> = [
  [/^14[0-4689]/, 'data-only or IoT prefix (140–144, 146, 148, 149)'],
  [/^17[01]/, 'virtual operator prefix (170/171)'],
];

const MOBILE_RE = /^1[3-9]\d{9}$/;
const SEPARATORS_RE = /[\s\-()（）.·/]/g;

/** Half-width, then drop spaces, dashes, dots and (full-width) parentheses. */
function compact(input: string): string {
  return toHalfWidth(String(input)).replace(SEPARATORS_RE, '');
}

/** Strip a +86 / 0086 / 86 country prefix from a compacted string (86 only when 13 digits). */
function stripChinaPrefix(s: string): string {
  if (s.startsWith('+86')) return s.slice(3);
  if (s.startsWith('0086')) return s.slice(4);
  if (/^86\d{11}$/.test(s)) return s.slice(2);
  return s;
}

/** A leading trunk 0 before a mobile (dialled from a landline in another city): 0138…. */
function stripMobileTrunkZero(s: string): string {
  return /^01[3-9]\d{9}$/.test(s) ? s.slice(1) : s;
}

/** Mainland mobile → `+861XXXXXXXXXX`; full-width digits, separators, +86/0086/86 and a trunk 0 accepted. */
export function normalizeChinaMobile(input: string): MobileResult {
  const digits = stripMobileTrunkZero(stripChinaPrefix(compact(input)));
  if (!MOBILE_RE.test(digits)) return { value: null, valid: false, warnings: [] };
  const warnings = MOBILE_PREFIX_WARNINGS.filter(([re]) => re.test(digits)).map(([, w]) => w);
  return { value: `+86${digits}`, valid: true, warnings };
}

/** Two-digit area codes (Beijing, Shanghai, Tianjin, Chongqing, and the 02x big cities). */
const TWO_DIGIT_AREA = /^0(10|2\d)/;
const EXTENSION_RE = /^(.*?)(?:转|轉|ext\.?|x|#)\s*(\d{1,6})$/i;
const INVALID_LANDLINE: LandlineResult = {
  areaCode: null,
  number: null,
  extension: null,
  e164: null,
  valid: false,
};

/** Split off an extension: `转 123`, `ext 8`, `x8`, `#8`, or a trailing `-123` after a full number. */
function splitExtension(raw: string): [string, string | null] {
  const m = EXTENSION_RE.exec(raw.trim());
  if (m) return [m[1] ?? '', m[2] ?? null];
  // a trailing `-NNN` after area code and number, e.g. 010-65529988-123
  const dash = /^(.*\d[\s\-)）]+\d{7,8})\s*-\s*(\d{1,6})$/.exec(raw.trim());
  if (dash) return [dash[1] ?? '', dash[2] ?? null];
  return [raw, null];
}

/**
 * Chinese landline: national form `0AA(A)` + 7–8 digit number, or `+86`/`0086` + area without 0.
 * An area code is required. Extension after 转, ext, x, # or a trailing `-NNN`.
 */
export function normalizeLandline(input: string): LandlineResult {
  const [main, extension] = splitExtension(toHalfWidth(String(input)));
  let s = compact(main);
  if (s.startsWith('+86') || s.startsWith('0086')) {
    s = `0${stripChinaPrefix(s)}`;
  }
  if (!/^0[1-9]\d{8,11}$/.test(s)) return { ...INVALID_LANDLINE };
  // 010 and 02x are the only two-digit area codes; all others are 0 + three digits.
  const areaLength = TWO_DIGIT_AREA.test(s) ? 3 : 4;
  const areaCode = s.slice(0, areaLength);
  const number = s.slice(areaLength);
  // local numbers are 7–8 digits and never start with 0 (trunk) or 1 (service / mobile)
  if (!/^[2-9]\d{6,7}$/.test(number)) return { ...INVALID_LANDLINE };
  return { areaCode, number, extension, e164: `+86${areaCode.slice(1)}${number}`, valid: true };
}

/**
 * Dispatch: mainland mobile first, then landline, then international E.164 (`+` or `00`
 * prefix, 8–15 digits, not +86). Anything else is `unknown` and invalid.
 */
export function normalizePhone(input: string): PhoneResult {
  const text = toHalfWidth(String(input ?? '')).trim();
  const mobile = normalizeChinaMobile(text);
  if (mobile.valid) {
    return { kind: 'mobile', value: mobile.value, valid: true, extension: null, warnings: mobile.warnings };
  }
  const landline = normalizeLandline(text);
  if (landline.valid) {
    return { kind: 'landline', value: landline.e164, valid: true, extension: landline.extension, warnings: [] };
  }
  const [main, extension] = splitExtension(text);
  const s = compact(main);
  const intl = /^(?:\+|00)([1-9]\d*)$/.exec(s);
  if (intl && !s.startsWith('+86') && !s.startsWith('0086')) {
    const digits = intl[1] ?? '';
    const valid = digits.length >= 8 && digits.length <= 15;
    return { kind: 'international', value: valid ? `+${digits}` : null, valid, extension, warnings: [] };
  }
  return { kind: 'unknown', value: null, valid: false, extension: null, warnings: [] };
}
