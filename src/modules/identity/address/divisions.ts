/**
 * The PRC division table (province → prefecture → county, 6-digit GB/T 2260 codes) loaded from the
 * generated `division-table.ts`, with the names an address may use for each division: the full name
 * (广东省, 延边朝鲜族自治州, 南山区) and a short one (广东, 延边, 南山). Pure, built once at import.
 */
import { DIVISION_LINES } from './division-table.js';

export type DivisionLevel = 'province' | 'city' | 'district';

export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  /** Parent division code (null for provinces). */
  parentCode: string | null;
  /** Name without its administrative suffix, or null when that would leave under two characters. */
  shortName: string | null;
}

const MUNICIPALITY_PREFIXES = new Set(['11', '12', '31', '50']);

// The 55 minority names (without 族), for 延边朝鲜族自治州 → 延边, 长阳土家族自治县 → 长阳.
const ETHNIC_GROUPS =
  '蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺';
// 族 is optional: 博尔塔拉蒙古自治州, 伊犁哈萨克自治州 omit it.
const AUTONOMOUS = new RegExp(`(?:(?:${ETHNIC_GROUPS})族?)*自治(?:州|县|旗)$`);
const SUFFIX: Record<DivisionLevel, RegExp> = {
  province: /(?:省|市|特别行政区|(?:壮族|回族|维吾尔)?自治区)$/,
  city: /(?:市|地区|盟)$/,
  district: /(?:新区|区|县|市|旗|林区|特区)$/,
};

/** 广西壮族自治区 → 广西, 黔东南苗族侗族自治州 → 黔东南, 南山区 → 南山, 和县 → null (one character left). */
export function shortDivisionName(name: string, level: DivisionLevel): string | null {
  const autonomous = level !== 'province' && AUTONOMOUS.test(name);
  const short = autonomous ? name.replace(AUTONOMOUS, '') : name.replace(SUFFIX[level], '');
  return short.length >= 2 && short !== name ? short : null;
}

function levelOf(code: string): DivisionLevel {
  if (code.endsWith('0000')) return 'province';
  return code.endsWith('00') ? 'city' : 'district';
}

/** Whether the province is a 直辖市 (its only city carries the province's name, code xx0100). */
export function isMunicipality(code: string): boolean {
  return MUNICIPALITY_PREFIXES.has(code.slice(0, 2));
}

function buildDivisions(): Map<string, Division> {
  const codes = new Set(DIVISION_LINES.split('\n').map((line) => line.slice(0, 6)));
  const divisions = new Map<string, Division>();
  for (const line of DIVISION_LINES.split('\n')) {
    const code = line.slice(0, 6);
    const name = line.slice(6);
    const level = levelOf(code);
    const province = `${code.slice(0, 2)}0000`;
    const city = isMunicipality(code) ? `${code.slice(0, 2)}0100` : `${code.slice(0, 4)}00`;
    // Counties of 省直辖县级行政区划 (429004 仙桃市) have no prefecture: they hang off the province.
    const parentCode = level === 'province' ? null : level === 'city' || !codes.has(city) ? province : city;
    divisions.set(code, { code, name, level, parentCode, shortName: shortDivisionName(name, level) });
  }
  return divisions;
}

/** Every division by code. */
export const DIVISIONS: ReadonlyMap<string, Division> = buildDivisions();

function indexNames(): Map<string, Division[]> {
  const index = new Map<string, Division[]>();
  const add = (name: string, division: Division) => index.set(name, [...(index.get(name) ?? []), division]);
  for (const division of DIVISIONS.values()) {
    add(division.name, division);
    if (division.shortName) add(division.shortName, division);
    // 自治州 are commonly written 伊犁州, 恩施州, 大理州.
    if (division.shortName && division.name.endsWith('自治州')) add(`${division.shortName}州`, division);
  }
  return index;
}

/** Full and short names → the divisions that carry them (朝阳区 → Beijing's and Changchun's). */
export const DIVISIONS_BY_NAME: ReadonlyMap<string, readonly Division[]> = indexNames();

/** Longest name in the index, so a scan knows how far to look ahead. */
export const LONGEST_DIVISION_NAME = Math.max(...[...DIVISIONS_BY_NAME.keys()].map((n) => n.length));

const PATHS = new Map<string, readonly Division[]>();

/** The division and its ancestors, province first (memoised: the table is fixed). */
export function divisionPath(code: string): readonly Division[] {
  const known = PATHS.get(code);
  if (known) return known;
  const path: Division[] = [];
  for (let d = DIVISIONS.get(code); d; d = d.parentCode ? DIVISIONS.get(d.parentCode) : undefined) path.unshift(d);
  PATHS.set(code, path);
  return path;
}

/** Whether `ancestor` is `code` itself or one of its ancestors. */
export function isWithin(code: string, ancestor: string): boolean {
  return divisionPath(code).some((d) => d.code === ancestor);
}
