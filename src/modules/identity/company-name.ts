/**
 * Company-name match keys (B2B dedup). A key is for grouping candidates, never for display.
 *
 * `companyMatchKey(name)`:
 * 1. folds widths and the small traditional → simplified map (`width-folding.ts`), lower-cases Latin;
 * 2. drops a bracketed part when it only holds a region (省/市/区 optional): 云启科技（杭州）有限公司;
 *    other bracketed text is kept without the brackets. 中国 counts as a region *inside* brackets;
 * 3. strips legal-form suffixes, repeatedly, from the end (see `LEGAL_SUFFIXES_ZH`/`_LATIN`).
 *    集团 is KEPT: 某某集团有限公司 → 某某集团, because a group and its subsidiary differ;
 *    分公司 (branch) is kept too;
 * 4. drops a leading region (杭州云启科技 → 云启科技) when at least 3 characters remain;
 *    Latin region names (Hangzhou …) are not translated or stripped: Latin is kept as is;
 * 5. removes punctuation, symbols and spaces.
 *
 * Region list: provinces and large cities only — not exhaustive. Pure; never throws.
 */
import { foldForMatching } from './width-folding.js';

/** Chinese legal forms, longest first (after simplification). */
export const LEGAL_SUFFIXES_ZH = [
  '股份有限公司',
  '有限责任公司',
  '有限合伙企业',
  '普通合伙企业',
  '有限公司',
  '股份公司',
  '合伙企业',
  '有限合伙',
  '公司',
] as const;

/** Latin legal-form words, matched as whole words at the end, punctuation ignored. */
export const LEGAL_SUFFIXES_LATIN = [
  'co', 'ltd', 'limited', 'company', 'inc', 'incorporated', 'corp', 'corporation',
  'llc', 'llp', 'plc', 'gmbh', 'pte', 'pty', 'sa', 'ag', 'bv',
] as const;

/** Provinces, autonomous regions, SARs and large cities (simplified, without 省/市). */
export const REGIONS: ReadonlySet<string> = new Set([
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽',
  '福建', '江西', '山东', '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西',
  '甘肃', '青海', '台湾', '内蒙古', '广西', '西藏', '宁夏', '新疆', '香港', '澳门',
  '杭州', '广州', '深圳', '东莞', '佛山', '苏州', '南京', '无锡', '宁波', '温州', '厦门', '福州',
  '成都', '武汉', '长沙', '郑州', '西安', '青岛', '济南', '大连', '沈阳', '哈尔滨', '长春', '合肥',
  '南昌', '昆明', '贵阳', '南宁', '海口', '石家庄', '太原', '兰州', '西宁', '银川', '乌鲁木齐',
  '拉萨', '呼和浩特', '珠海', '中山', '惠州', '常州', '南通', '绍兴', '嘉兴', '金华', '台州',
  '泉州', '烟台', '潍坊', '唐山', '保定', '义乌', '昆山',
]);

const BRACKET_RE = /[([【〔]([^()[\]【】〔〕]*)[)\]】〕]/g;
const REGION_TAIL_RE = /(?:省|市|区|自治区|特别行政区)$/;
const PUNCT_RE = /[\p{P}\p{S}\s]+/gu;
const LATIN_WORD_CHAR = /[a-z0-9]/;

function isRegion(text: string): boolean {
  const t = text.replace(PUNCT_RE, '');
  return t === '中国' || REGIONS.has(t) || REGIONS.has(t.replace(REGION_TAIL_RE, ''));
}

/** Remove one legal suffix from the end of `s` (which has single spaces for punctuation). */
function stripOneSuffix(s: string): string {
  const t = s.trimEnd();
  for (const suffix of LEGAL_SUFFIXES_ZH) {
    if (t.endsWith(suffix)) return t.slice(0, t.length - suffix.length);
  }
  for (const word of LEGAL_SUFFIXES_LATIN) {
    if (!t.endsWith(word)) continue;
    const before = t.slice(0, t.length - word.length);
    const prev = before.slice(-1);
    // a whole word: preceded by a space or a non-Latin character, and something precedes it
    if (before.trim() !== '' && !LATIN_WORD_CHAR.test(prev)) return before;
  }
  return t;
}

function stripLegalSuffixes(s: string): string {
  let current = s;
  for (;;) {
    const next = stripOneSuffix(current);
    if (next === current.trimEnd()) return next;
    current = next;
  }
}

/** Longest region at the start, with an optional 省/市 after it. */
function stripLeadingRegion(s: string): string {
  for (let len = 4; len >= 2; len--) {
    const head = [...s].slice(0, len).join('');
    if (!REGIONS.has(head)) continue;
    let rest = s.slice(head.length);
    if (rest.startsWith('省') || rest.startsWith('市')) rest = rest.slice(1);
    return [...rest].length >= 3 ? rest : s;
  }
  return s;
}

/** The company-name match key; '' for an empty or suffix-only name. */
export function companyMatchKey(name: string): string {
  const folded = foldForMatching(String(name ?? '')).toLowerCase();
  const unbracketed = folded.replace(BRACKET_RE, (_m, inner: string) => (isRegion(inner) ? ' ' : ` ${inner} `));
  const spaced = unbracketed.replace(PUNCT_RE, ' ').trim();
  const core = stripLegalSuffixes(spaced).replace(PUNCT_RE, '');
  return stripLeadingRegion(core);
}
