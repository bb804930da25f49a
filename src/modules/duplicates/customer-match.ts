/**
 * The Chinese-customer match schema for the identity matcher (identity/dedup) and the mapping of a
 * customer row to matcher values. Pure. Mobile and e-mail are compared as blind-index bytes (hex),
 * never decrypted; companies by `companyMatchKey`; names by surname pinyin + given-name pinyin.
 */
import { companyMatchKey } from '../identity/index.js';
import type { DedupRecord, MatchSchema } from '../identity/index.js';
import { parseName } from './chinese-names.js';

/** The columns a scan reads: no encrypted values. */
export interface CustomerMatchRow {
  id: number;
  name: string;
  company: string | null;
  region_code: string | null;
  mobile_bidx: Buffer | null;
  email_bidx: Buffer | null;
}

/** A name that is an organisation (company customers keep their company name in `name`). */
const ORG_NAME = /公司|集团|有限|企业|工作室|事务所|研究院|管理局|委员会|[局厂店行社所院校馆]$|\b(co|ltd|inc|llc|corp|limited|gmbh)\b\.?/i;

export function isOrganisationName(name: string): boolean {
  return ORG_NAME.test(name.normalize('NFKC'));
}

/**
 * Matcher values of one customer. A company customer's name becomes its company key (`org`) and no
 * person name; a person's employer becomes `company`.
 */
export function matchValues(row: CustomerMatchRow): Record<string, string> {
  const org = isOrganisationName(row.name);
  const person = org ? { surname: '', given: '', title: '' } : parseName(row.name);
  const orgKey = org ? companyMatchKey(row.name) : '';
  const company = row.company ? companyMatchKey(row.company) : '';
  return {
    mobile: row.mobile_bidx ? row.mobile_bidx.toString('hex') : '',
    email: row.email_bidx ? row.email_bidx.toString('hex') : '',
    org: orgKey,
    // A company customer's company field is its own name: not a second piece of evidence.
    company: company === orgKey ? '' : company,
    name: person.given,
    surname: person.surname,
    honorific: person.given === '' ? person.surname : '',
    title: person.title,
    region: row.region_code ?? '',
  };
}

export function toDedupRecord(row: CustomerMatchRow): DedupRecord {
  return { id: String(row.id), values: matchValues(row) };
}

/**
 * Weights (log2 m/u agree / log2 (1−m)/(1−u) disagree):
 * mobile +23.2/−4.3, email +21.8/−3.3, org +13.2/−4.3, company +9.8/−3.3 (partial ≥ 0.9),
 * given name +9.8/−3.3 (partial ≥ 0.95), surname +5.6/−4.3, title +0.9/−3.3, region +5.5/−3.2.
 * Threshold 11: 张先生 vs Mr. Zhang in one region 12.0 (surname + region + title); same mobile alone
 * ≥ 12.4 even when everything else disagrees; same company key of two company customers 13.2;
 * colleagues (same employer, different names, same region) 7.7; same surname and region, different
 * given names 7.8. Two people with the same full name in the same region (张伟, 张伟) score 20.9 —
 * a suggestion for review, which is what the queue is for.
 */
export const CUSTOMER_MATCH_SCHEMA: MatchSchema = {
  fields: [
    { field: 'mobile', kind: 'exact', m: 0.95, u: 1e-7 },
    { field: 'email', kind: 'exact', m: 0.9, u: 1e-6 },
    { field: 'org', kind: 'fuzzy', m: 0.95, u: 0.0001, partialFrom: 0.9 },
    { field: 'company', kind: 'fuzzy', m: 0.9, u: 0.001, partialFrom: 0.9 },
    { field: 'name', kind: 'fuzzy', m: 0.9, u: 0.001, partialFrom: 0.95 },
    { field: 'surname', kind: 'exact', m: 0.95, u: 0.02 },
    { field: 'title', kind: 'exact', m: 0.95, u: 0.5 },
    { field: 'region', kind: 'exact', m: 0.9, u: 0.02 },
  ],
  blockingKeys: [
    { name: 'mobile', parts: [{ field: 'mobile', transform: 'exact' }] },
    { name: 'email', parts: [{ field: 'email', transform: 'exact' }] },
    { name: 'org', parts: [{ field: 'org', transform: 'exact' }] },
    { name: 'company', parts: [{ field: 'company', transform: 'exact' }] },
    {
      name: 'name-region',
      parts: [
        { field: 'surname', transform: 'exact' },
        { field: 'region', transform: 'exact' },
        { field: 'name', transform: 'exact', length: 2 },
      ],
    },
    { name: 'honorific-region', parts: [{ field: 'honorific', transform: 'exact' }, { field: 'region', transform: 'exact' }] },
  ],
  threshold: 11,
  maxBlockSize: 500,
};
