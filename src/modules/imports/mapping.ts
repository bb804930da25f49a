import type { FieldDefinition, SelectOption } from '../../platform/records/index.js';

/** Column header → field key. Columns not in the mapping are ignored. */
export type ColumnMapping = Record<string, string>;

/** Extra header words per built-in customer field (beyond the field's zh/en labels and key). */
const SYNONYMS: Record<string, string[]> = {
  name: ['客户名称', '客户名', '姓名', '名称', '名字', '客户', 'customer', 'customer name', 'full name'],
  mobile: ['手机', '手机号', '手机号码', '电话', '电话号码', '联系电话', '移动电话', 'phone', 'mobile phone', 'cell', 'tel', 'telephone'],
  email: ['邮箱', '电子邮箱', '电子邮件', '邮件', 'e-mail', 'mail', 'email address'],
  level: ['等级', '级别', '客户级别', 'grade', 'tier'],
  source: ['来源', '渠道', '客户渠道', 'channel', 'lead source'],
  kind: ['类型', '客户类别', 'customer type'],
  industry: ['所属行业', 'sector'],
  regionCode: ['地区编码', '区域', '行政区划代码', 'region code', 'area'],
  company: ['公司名称', '单位', '工作单位', '企业', 'company name', 'organization', 'organisation'],
  gender: ['性别', 'sex'],
  birthday: ['出生日期', '生日', 'date of birth', 'birth date', 'dob'],
  idNumber: ['身份证', '身份证号码', '证件号', '证件号码', 'id card', 'id no'],
};

/** Lower-case, full-width → half-width, without spaces, underscores, hyphens and a trailing ":"/"*". */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-*:：]/g, '');
}

/**
 * Suggests a mapping from headers alone: a header matches a field whose key, zh or en label, or
 * one of its synonyms is the same after normalizeHeader. System fields are never suggested, and
 * each field is used at most once (first header wins). Pure.
 */
export function suggestMapping(headers: readonly string[], fields: readonly FieldDefinition[]): ColumnMapping {
  const index = new Map<string, string>();
  const writable = fields.filter((f) => !f.system);
  // Keys and labels first, then synonyms: a custom field labelled "电话" beats the mobile synonym.
  for (const f of writable) for (const word of [f.key, f.labelZh, f.labelEn]) index.set(normalizeHeader(word), index.get(normalizeHeader(word)) ?? f.key);
  for (const f of writable) for (const word of SYNONYMS[f.key] ?? []) if (!index.has(normalizeHeader(word))) index.set(normalizeHeader(word), f.key);
  return mappingFromWords(headers, index);
}

/** Header → key through a normalized-word index; each key used at most once (first header wins). Pure. */
export function mappingFromWords(headers: readonly string[], index: ReadonlyMap<string, string>): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const header of headers) {
    const key = index.get(normalizeHeader(header));
    if (key && !used.has(key) && !(header in mapping)) {
      mapping[header] = key;
      used.add(key);
    }
  }
  return mapping;
}

/**
 * The option value a cell names: the value itself, or its zh/en label (case-insensitive, ignoring
 * width and spaces), or the zh label before its "（…）" note (A（重点） ← "A"). null when none. Pure.
 */
export function matchOption(options: readonly SelectOption[], text: string): string | null {
  const wanted = normalizeHeader(text);
  if (wanted === '') return null;
  const exact = options.find((o) => o.value === text);
  if (exact) return exact.value;
  for (const o of options) {
    const words = [o.value, o.labelZh, o.labelEn, o.labelZh.replace(/（.*）$/, ''), o.labelEn.replace(/\s*\(.*\)$/, '')];
    if (words.some((w) => normalizeHeader(w) === wanted)) return o.value;
  }
  return null;
}

/** Parses the `mapping` parameter: a JSON object of header → field key strings. Throws on anything else. */
export function parseMapping(raw: string): ColumnMapping {
  const parsed: unknown = JSON.parse(raw);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('mapping must be a JSON object');
  const mapping: ColumnMapping = {};
  for (const [header, key] of Object.entries(parsed)) {
    if (typeof key !== 'string') throw new Error(`mapping of "${header}" must be a field key string`);
    mapping[header] = key;
  }
  return mapping;
}
