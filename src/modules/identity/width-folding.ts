/**
 * Width and script folding for matching (pure, no I/O).
 *
 * - Full-width ASCII (U+FF01–U+FF5E) ↔ half-width ASCII (U+0021–U+007E),
 *   and the ideographic space U+3000 ↔ U+0020.
 * - A SMALL traditional → simplified map for characters common in company names
 *   and city names. It is deliberately NOT exhaustive (about 100 characters); it is
 *   meant for match keys, not for converting prose. Characters not in the map pass
 *   through unchanged.
 */

const FULL_START = 0xff01;
const FULL_END = 0xff5e;
const OFFSET = 0xfee0;
const IDEOGRAPHIC_SPACE = 0x3000;

/** Full-width ASCII and ideographic space → half-width. Other characters unchanged. */
export function toHalfWidth(input: string): string {
  let out = '';
  for (const ch of input) {
    const cp = ch.codePointAt(0)!;
    if (cp >= FULL_START && cp <= FULL_END) out += String.fromCodePoint(cp - OFFSET);
    else if (cp === IDEOGRAPHIC_SPACE) out += ' ';
    else out += ch;
  }
  return out;
}

/** Half-width printable ASCII and space → full-width. Other characters unchanged. */
export function toFullWidth(input: string): string {
  let out = '';
  for (const ch of input) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x21 && cp <= 0x7e) out += String.fromCodePoint(cp + OFFSET);
    else if (cp === 0x20) out += String.fromCodePoint(IDEOGRAPHIC_SPACE);
    else out += ch;
  }
  return out;
}

/**
 * Traditional → simplified pairs, one character each, written as "TS" pairs.
 * Grouped roughly by use: legal forms, business words, places. Not exhaustive.
 */
const PAIRS = [
  // legal forms and organisation words
  '團团', '際际', '國国', '實实', '業业', '發发', '經经', '營营', '廠厂', '總总', '責责', '險险',
  '屬属', '會会', '協协', '聯联', '醫医', '藥药', '學学', '園园', '門门', '場场', '銷销', '貨货',
  '務务', '設设', '計计', '資资', '產产', '開开', '傳传', '廣广',
  // business sectors
  '貿贸', '電电', '網网', '絡络', '術术', '訊讯', '軟软', '體体', '機机', '車车', '運运', '輸输',
  '農农', '築筑', '裝装', '飾饰', '禮礼', '購购', '買买', '賣卖', '進进', '動动', '環环', '節节',
  '準准', '數数', '據据', '庫库', '優优', '質质', '華华', '線线', '鋼钢', '鐵铁', '銀银', '錶表',
  '諮咨', '詢询', '達达', '順顺', '啟启', '雲云', '興兴', '豐丰', '龍龙', '鳳凤', '陽阳', '長长',
  '濟济',
  // places
  '東东', '蘇苏', '灣湾', '臺台', '廈厦', '瀋沈', '蘭兰', '寧宁', '遼辽', '陝陕', '貴贵', '滬沪',
  '閩闽', '黃黄', '鄭郑', '漢汉', '積积', '製制', '專专', '區区', '縣县', '鎮镇',
] as const;

/** The traditional → simplified map (read-only). 公司, 有限, 科技 are the same in both scripts. */
export const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<string, string> = new Map(
  PAIRS.map((p) => [...p] as [string, string]),
);

/** Map the known traditional characters to simplified; others unchanged. */
export function toSimplified(input: string): string {
  let out = '';
  for (const ch of input) out += TRADITIONAL_TO_SIMPLIFIED.get(ch) ?? ch;
  return out;
}

/** Half-width + simplified: the folding used by match keys. Idempotent. */
export function foldForMatching(input: string): string {
  return toSimplified(toHalfWidth(input));
}
