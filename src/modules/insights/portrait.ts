import type { SelectOption } from '../../platform/records/index.js';
import { PROVINCE_NAMES_EN } from './province-names.js';

/** A dimension of the customer portrait. */
export const PORTRAIT_DIMENSIONS = ['province', 'industry', 'source', 'level'] as const;
export type PortraitDimension = (typeof PORTRAIT_DIMENSIONS)[number];

/** One grouped count as the repository returns it: `value` null = not filled in. */
export interface PortraitCountRow {
  dimension: PortraitDimension | 'total';
  value: string | null;
  /** Province name from the regions table (province rows only). */
  regionName: string | null;
  customers: number;
}

export interface PortraitBucket {
  /** Option value, or the 6-digit province code; null = not filled in. */
  value: string | null;
  labelZh: string;
  labelEn: string;
  customers: number;
}

export interface PortraitGroup {
  /** false when the caller may not see the field: no buckets then. */
  visible: boolean;
  buckets: PortraitBucket[];
}

export type Portrait = { total: number } & Record<PortraitDimension, PortraitGroup>;

const UNKNOWN = { labelZh: '未填写', labelEn: 'Not set' };

function label(dimension: PortraitDimension, row: PortraitCountRow, options: readonly SelectOption[]): { labelZh: string; labelEn: string } {
  if (row.value === null) return UNKNOWN;
  if (dimension === 'province') return { labelZh: row.regionName ?? row.value, labelEn: PROVINCE_NAMES_EN[row.value] ?? row.regionName ?? row.value };
  const option = options.find((o) => o.value === row.value);
  return option ? { labelZh: option.labelZh, labelEn: option.labelEn } : { labelZh: row.value, labelEn: row.value };
}

/**
 * Grouped counts → the portrait: per dimension the buckets, largest first ("not set" last), labelled
 * from the field's options (province names from the regions table in Chinese, GB/T 2260 pinyin in
 * English). A dimension the caller may not see has `visible: false` and no buckets. Pure.
 */
export function buildPortrait(rows: readonly PortraitCountRow[], options: Record<Exclude<PortraitDimension, 'province'>, readonly SelectOption[]>, visible: ReadonlySet<PortraitDimension>): Portrait {
  const group = (dimension: PortraitDimension): PortraitGroup => {
    if (!visible.has(dimension)) return { visible: false, buckets: [] };
    const list = dimension === 'province' ? [] : options[dimension];
    const buckets = rows.filter((r) => r.dimension === dimension).map((r) => ({ value: r.value, ...label(dimension, r, list), customers: r.customers }));
    buckets.sort((a, b) => Number(a.value === null) - Number(b.value === null) || b.customers - a.customers || String(a.value).localeCompare(String(b.value)));
    return { visible: true, buckets };
  };
  const total = rows.find((r) => r.dimension === 'total')?.customers ?? 0;
  return { total, province: group('province'), industry: group('industry'), source: group('source'), level: group('level') };
}
