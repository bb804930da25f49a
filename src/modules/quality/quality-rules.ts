/**
 * What is wrong with one customer's values (pure): each field is checked by the identity module's
 * cleaning core, and a problem becomes a flag `{field, issue, reason}` — the value itself is kept.
 * `invalid` fails the rule (a bad check digit, an address with no recognisable division);
 * `suspicious` passes but looks wrong (a data-only mobile prefix, an address whose district
 * contradicts the customer's region).
 */
import { DIVISIONS, isMunicipality, normalizeEmail, normalizePhone, parseAddress, validateCreditCode, validateIdCard } from '../identity/index.js';

export const QUALITY_FIELDS = ['mobile', 'email', 'idNumber', 'name', 'address', 'region', 'creditCode'] as const;
export type QualityField = (typeof QUALITY_FIELDS)[number];
export type QualityIssue = 'invalid' | 'suspicious';

export interface QualityFlag {
  field: QualityField;
  issue: QualityIssue;
  /** Short machine-readable why: `check_digit`, `no_division`, `placeholder`, `data_only_prefix` … */
  reason: string;
}

/** Clear values of one customer (sensitive ones decrypted by the caller). */
export interface CustomerValues {
  name: string | null;
  mobile: string | null;
  email: string | null;
  idNumber: string | null;
  address: string | null;
  regionCode: string | null;
  creditCode: string | null;
}

// Names people type when they do not know one: test, 测试, 未知, 无, n/a, ---, ???, 客户, 123.
const PLACEHOLDER_NAME = /^(?:test\d*|测试\d*|未知|不详|无|空|null|undefined|none|n\/?a|-+|\.+|\?+|？+|客户|先生|女士|x+)$/i;

export function nameIssue(name: string | null): QualityFlag | null {
  const text = name?.trim() ?? '';
  if (text === '') return null;
  if (PLACEHOLDER_NAME.test(text) || /^\d+$/.test(text)) return { field: 'name', issue: 'invalid', reason: 'placeholder' };
  if (/\d{7,}/.test(text)) return { field: 'name', issue: 'suspicious', reason: 'contains_number' };
  return null;
}

function mobileIssue(mobile: string | null): QualityFlag | null {
  if (!mobile) return null;
  const phone = normalizePhone(mobile);
  if (!phone.valid) return { field: 'mobile', issue: 'invalid', reason: 'format' };
  if (phone.kind !== 'mobile' && phone.kind !== 'international') return { field: 'mobile', issue: 'suspicious', reason: `${phone.kind}_number` };
  const warning = phone.warnings[0];
  return warning ? { field: 'mobile', issue: 'suspicious', reason: warning } : null;
}

function regionIssue(regionCode: string | null): QualityFlag | null {
  if (!regionCode || DIVISIONS.has(regionCode)) return null;
  return { field: 'region', issue: 'invalid', reason: 'unknown_code' };
}

/** An address with no division is invalid; one that contradicts the region is suspicious. */
export function addressIssue(address: string | null, regionCode: string | null): QualityFlag | null {
  if (!address?.trim()) return null;
  const parsed = parseAddress(address);
  if (!parsed.code) return { field: 'address', issue: 'invalid', reason: parsed.warnings.includes('ambiguous') ? 'ambiguous' : 'no_division' };
  if (regionCode && DIVISIONS.has(regionCode) && !sameBranch(parsed.code, regionCode)) return { field: 'address', issue: 'suspicious', reason: 'region_mismatch' };
  if (parsed.warnings.includes('conflict')) return { field: 'address', issue: 'suspicious', reason: 'conflict' };
  return null;
}

/** Whether one code lies inside the other (440305 and 440300; 110105 and 110000). */
function sameBranch(a: string, b: string): boolean {
  const prefix = (code: string) => code.replace(/(00)+$/, '');
  const [pa, pb] = [prefix(a), prefix(b)];
  if (pa.startsWith(pb) || pb.startsWith(pa)) return true;
  // 直辖市 counties (500229) sit under the city 500100 although their code says 5002.
  return isMunicipality(a) && a.slice(0, 2) === b.slice(0, 2);
}

function checkedIssue(field: QualityField, value: string | null, check: (v: string) => { valid: boolean; reason: string | null }): QualityFlag | null {
  if (!value?.trim()) return null;
  const result = check(value);
  return result.valid ? null : { field, issue: 'invalid', reason: result.reason ?? 'format' };
}

export function customerQualityFlags(values: CustomerValues, today: string): QualityFlag[] {
  const flags = [
    nameIssue(values.name),
    mobileIssue(values.mobile),
    checkedIssue('email', values.email, normalizeEmail),
    // Only that it failed: the reasons of an ID number (its expected check character) stay out of the table.
    checkedIssue('idNumber', values.idNumber, (v) => ({ valid: validateIdCard(v, today).valid, reason: 'failed_check' })),
    checkedIssue('creditCode', values.creditCode, validateCreditCode),
    regionIssue(values.regionCode),
    addressIssue(values.address, values.regionCode),
  ];
  return flags.filter((f): f is QualityFlag => f !== null);
}
