/**
 * The 11 named RFM segments of DOMAIN.md §3, keyed by the R·FM cell. Pure.
 *
 * Example: `segmentOf(5, 4)` → `champions` (cell "54"); `fmScore(4, 5)` → 5 (4.5 rounds half up).
 */
export type RfmScore = 1 | 2 | 3 | 4 | 5;

export const RFM_SEGMENT_KEYS = [
  'champions',
  'loyal',
  'potential_loyalist',
  'new',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cannot_lose',
  'hibernating',
  'lost',
] as const;

export type RfmSegmentKey = (typeof RFM_SEGMENT_KEYS)[number];

export interface RfmSegment {
  key: RfmSegmentKey;
  nameZh: string;
  nameEn: string;
  /** The R·FM cells of the segment, e.g. "54" = R 5, FM 4. */
  cells: readonly string[];
}

export const RFM_SEGMENTS: readonly RfmSegment[] = [
  { key: 'champions', nameZh: '重要价值', nameEn: 'Champions', cells: ['55', '54', '45'] },
  { key: 'loyal', nameZh: '忠诚', nameEn: 'Loyal', cells: ['53', '44', '35', '34'] },
  { key: 'potential_loyalist', nameZh: '潜力', nameEn: 'Potential Loyalist', cells: ['52', '42', '33', '43'] },
  { key: 'new', nameZh: '新客', nameEn: 'New', cells: ['51'] },
  { key: 'promising', nameZh: '有望', nameEn: 'Promising', cells: ['41', '31'] },
  { key: 'need_attention', nameZh: '需关注', nameEn: 'Need Attention', cells: ['32', '23', '22'] },
  { key: 'about_to_sleep', nameZh: '将沉睡', nameEn: 'About to Sleep', cells: ['21'] },
  { key: 'at_risk', nameZh: '有流失风险', nameEn: 'At Risk', cells: ['25', '24', '13'] },
  { key: 'cannot_lose', nameZh: '不能失去', nameEn: 'Cannot Lose Them', cells: ['15', '14'] },
  { key: 'hibernating', nameZh: '沉睡', nameEn: 'Hibernating', cells: ['12'] },
  { key: 'lost', nameZh: '已流失', nameEn: 'Lost', cells: ['11'] },
];

const SEGMENT_BY_CELL: ReadonlyMap<string, RfmSegmentKey> = new Map(RFM_SEGMENTS.flatMap((s) => s.cells.map((cell) => [cell, s.key] as const)));

/**
 * FM = round((F + M) / 2) with .5 rounded half up (F 4, M 5 → 5; F 2, M 3 → 3): a customer between
 * two levels is given the benefit of the doubt. The SQL twin is `(f + m + 1) / 2` in integers.
 */
export function fmScore(f: RfmScore, m: RfmScore): RfmScore {
  return Math.floor((f + m + 1) / 2) as RfmScore;
}

/** The segment of one R·FM cell; every one of the 25 cells belongs to exactly one segment. */
export function segmentOf(r: RfmScore, fm: RfmScore): RfmSegmentKey {
  const key = SEGMENT_BY_CELL.get(`${r}${fm}`);
  if (key === undefined) throw new RangeError(`not an RFM cell: R ${r}, FM ${fm}`);
  return key;
}

/** A segment key's display names (for stored keys); an unknown key shows as itself. Pure. */
export function rfmSegmentNames(key: string): { nameZh: string; nameEn: string } {
  const segment = RFM_SEGMENTS.find((s) => s.key === key);
  return { nameZh: segment?.nameZh ?? key, nameEn: segment?.nameEn ?? key };
}
