/**
 * Chinese free-text address → province / city / district with the 6-digit code of the deepest level,
 * plus the detail (street, building, room). Pure; never throws. Example:
 *   parseAddress('广东深圳南山区科技园科苑路15号 518057') →
 *   { province: '广东省', city: '深圳市', district: '南山区', code: '440305', detail: '科技园科苑路15号',
 *     postcode: '518057', confidence: 0.9, warnings: ['short_name'] }
 * Names are matched left to right, longest first, each deeper than and inside the last one; missing
 * parents are filled from the table (南山区 alone → 广东省深圳市 when the name is unique or one
 * candidate is clearly the likelier — see `tieBreakRank`).
 */
import { ADDRESS_SEPARATORS, cleanAddressText } from './address-cleaning.js';
import { DIVISIONS, DIVISIONS_BY_NAME, type Division, type DivisionLevel, divisionPath, isMunicipality, isWithin, LONGEST_DIVISION_NAME } from './divisions.js';

export type AddressWarning =
  | 'no_division' // nothing recognised: the whole text is detail
  | 'province_only'
  | 'no_district' // the city has districts but none was recognised
  | 'inferred_parent' // a parent level was filled from the table, not written
  | 'short_name' // 广东 for 广东省, 南山 for 南山区
  | 'ambiguous' // a name several divisions carry, none likelier: left in the detail
  | 'ambiguous_resolved' // a name several divisions carry, the likelier one taken
  | 'conflict' // a division that does not belong to the one before it (广东省杭州市)
  | 'phone_removed'
  | 'postcode_removed';

export interface ParsedAddress {
  province: string | null;
  provinceCode: string | null;
  city: string | null;
  cityCode: string | null;
  district: string | null;
  districtCode: string | null;
  /** Code of the deepest level found (county, else city, else province). */
  code: string | null;
  detail: string;
  phone: string | null;
  postcode: string | null;
  /** 0 (nothing recognised) … 1 (every level written in full, consistent). */
  confidence: number;
  warnings: AddressWarning[];
}

const LEVEL_RANK: Record<DivisionLevel, number> = { province: 0, city: 1, district: 2 };
// A short name directly followed by one of these is a street or place, not a division (中山路, 南山村).
const STREET_AFTER = /^[路街道巷弄胡同号村镇乡里桥园门]/;
// 计划单列市: their districts win a tie against a same-named district elsewhere (南山区 → 深圳).
const SEPARATE_PLAN_CITIES = new Set(['440300', '210200', '370200', '330200', '350200']);
const HAS_CHILDREN = new Set([...DIVISIONS.values()].map((d) => d.parentCode));

interface Match {
  division: Division;
  length: number;
  short: boolean;
}

/** Likelier home of a shared district name: 直辖市 3, 计划单列市 2, provincial capital (xx01) 1. */
export function tieBreakRank(division: Division): number {
  if (isMunicipality(division.code)) return 3;
  const city = `${division.code.slice(0, 4)}00`;
  if (SEPARATE_PLAN_CITIES.has(city)) return 2;
  return division.code.slice(2, 4) === '01' ? 1 : 0;
}

function candidatesAt(text: string, within: Division | null): Match[] {
  const found: Match[] = [];
  for (let length = Math.min(LONGEST_DIVISION_NAME, text.length); length >= 2; length -= 1) {
    const name = text.slice(0, length);
    for (const division of DIVISIONS_BY_NAME.get(name) ?? []) {
      const short = division.name !== name;
      if (within && (LEVEL_RANK[division.level] <= LEVEL_RANK[within.level] || !isWithin(division.code, within.code))) continue;
      if (short && (STREET_AFTER.test(text.slice(length)) || (division.level === 'district' && !within))) continue;
      found.push({ division, length, short });
    }
  }
  return found;
}

type Choice = { kind: 'none' } | { kind: 'match'; match: Match; tieBroken: boolean } | { kind: 'ambiguous' };

/** Longest name first; then full over short; then the shallowest level; then the tie-break rank. */
function pick(matches: Match[]): Choice {
  const best = matches.reduce<Match[]>((acc, m) => {
    const top = acc[0];
    if (!top || m.length > top.length || (m.length === top.length && top.short && !m.short)) return [m];
    if (m.length === top.length && m.short === top.short) acc.push(m);
    return acc;
  }, []);
  if (best.length === 0) return { kind: 'none' };
  const shallowest = Math.min(...best.map((m) => LEVEL_RANK[m.division.level]));
  const level = best.filter((m) => LEVEL_RANK[m.division.level] === shallowest);
  if (level.length === 1) return { kind: 'match', match: level[0]!, tieBroken: false };
  const top = Math.max(...level.map((m) => tieBreakRank(m.division)));
  const likeliest = level.filter((m) => tieBreakRank(m.division) === top);
  return likeliest.length === 1 ? { kind: 'match', match: likeliest[0]!, tieBroken: true } : { kind: 'ambiguous' };
}

interface Scan {
  matched: Match[];
  rest: string;
  warnings: AddressWarning[];
}

function scanDivisions(text: string): Scan {
  const matched: Match[] = [];
  const warnings: AddressWarning[] = [];
  let rest = text;
  for (;;) {
    const within = matched.at(-1)?.division ?? null;
    const choice = pick(candidatesAt(rest, within));
    if (choice.kind === 'ambiguous') warnings.push('ambiguous');
    if (choice.kind !== 'match') break;
    if (choice.tieBroken) warnings.push('ambiguous_resolved');
    if (choice.match.short) warnings.push('short_name');
    matched.push(choice.match);
    rest = rest.slice(choice.match.length).replace(ADDRESS_SEPARATORS, '');
  }
  const deepest = matched.at(-1)?.division;
  if (deepest && candidatesAt(rest, null).some((m) => !m.short && !isWithin(m.division.code, deepest.code))) warnings.push('conflict');
  return { matched, rest, warnings };
}

/** 北京市 alone means the city 北京市 (110100): a 直辖市 has exactly one city-level unit. */
function impliedCity(division: Division | undefined): Division | undefined {
  if (division?.level !== 'province' || !isMunicipality(division.code)) return division;
  return DIVISIONS.get(`${division.code.slice(0, 2)}0100`) ?? division;
}

function levelsOf(deepest: Division | undefined) {
  const path = deepest ? divisionPath(deepest.code) : [];
  const at = (level: DivisionLevel) => path.find((d) => d.level === level) ?? null;
  return { path, province: at('province'), city: at('city'), district: at('district') };
}

const PENALTY: Partial<Record<AddressWarning, number>> = {
  province_only: 0.4,
  no_district: 0.2,
  inferred_parent: 0.1,
  short_name: 0.05,
  ambiguous: 0.2,
  ambiguous_resolved: 0.15,
  conflict: 0.3,
};

function confidenceOf(warnings: readonly AddressWarning[], recognised: boolean): number {
  if (!recognised) return 0;
  const score = warnings.reduce((acc, w) => acc - (PENALTY[w] ?? 0), 1);
  return Math.round(Math.max(0.05, score) * 100) / 100;
}

export function parseAddress(input: string): ParsedAddress {
  const cleaned = cleanAddressText(input);
  const scan = scanDivisions(cleaned.text);
  const deepest = impliedCity(scan.matched.at(-1)?.division);
  const levels = levelsOf(deepest);
  const warnings = [...scan.warnings];
  const written = new Set(scan.matched.map((m) => m.division.code));
  // The one city of a 直辖市 is implied by the province; any other unwritten level was inferred.
  const inferred = levels.path.filter((d) => !written.has(d.code) && !(d.level === 'city' && isMunicipality(d.code)));
  if (inferred.length > 0) warnings.push('inferred_parent');
  if (deepest?.level === 'province' && HAS_CHILDREN.has(deepest.code)) warnings.push('province_only');
  if (deepest?.level === 'city' && HAS_CHILDREN.has(deepest.code)) warnings.push('no_district');
  if (!deepest) warnings.push('no_division');
  if (cleaned.phone) warnings.push('phone_removed');
  if (cleaned.postcode) warnings.push('postcode_removed');
  const unique = [...new Set(warnings)];
  return {
    province: levels.province?.name ?? null,
    provinceCode: levels.province?.code ?? null,
    city: levels.city?.name ?? null,
    cityCode: levels.city?.code ?? null,
    district: levels.district?.name ?? null,
    districtCode: levels.district?.code ?? null,
    code: deepest?.code ?? null,
    detail: scan.rest,
    phone: cleaned.phone,
    postcode: cleaned.postcode,
    confidence: confidenceOf(unique, deepest !== undefined),
    warnings: unique,
  };
}

/** One line, full names, no repeated 直辖市 city: '北京市朝阳区建国路88号'. `parseAddress` reads it back. */
export function formatAddress(address: Pick<ParsedAddress, 'province' | 'city' | 'district' | 'detail'>): string {
  const city = address.city !== address.province ? address.city : null;
  return [address.province, city, address.district, address.detail].filter((part) => part).join('');
}
