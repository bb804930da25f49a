import type { RfmCellSums } from './rfm-repository.js';
import { RFM_SEGMENTS, type RfmSegmentKey } from './rfm-segments.js';

/** Aggregates of a group of scored customers: count, revenue (decimal string) and average R/F/M values. */
export interface RfmGroupFigures {
  customers: number;
  revenue: string;
  avgRecencyDays: number;
  avgFrequency: number;
  avgMonetary: number;
}

export interface RfmGridCell extends RfmGroupFigures {
  r: number;
  fm: number;
  segment: RfmSegmentKey;
}

export interface RfmGridSegment extends RfmGroupFigures {
  segment: RfmSegmentKey;
  nameZh: string;
  nameEn: string;
  cells: readonly string[];
}

interface Sums {
  customers: number;
  cents: bigint;
  recency: number;
  frequency: number;
}

/** `sum(numeric(14,2))::text` always has two decimals: "1234.50" → 123450n. */
function cents(revenue: string): bigint {
  return BigInt(revenue.replace('.', ''));
}

function figures(s: Sums): RfmGroupFigures {
  const n = s.customers;
  const revenue = `${s.cents / 100n}.${String(s.cents % 100n).padStart(2, '0')}`;
  const round = (x: number, digits: number) => (n === 0 ? 0 : Math.round((x / n) * 10 ** digits) / 10 ** digits);
  return { customers: n, revenue, avgRecencyDays: round(s.recency, 1), avgFrequency: round(s.frequency, 2), avgMonetary: round(Number(s.cents) / 100, 2) };
}

/**
 * The 5 × 5 R × FM grid (every cell, empty ones with zeros) and the 11 segments, from per-cell sums.
 * Pure. Cells are ordered R 5→1, FM 5→1; segments in the order of DOMAIN.md §3.
 */
export function rfmGrid(rows: readonly RfmCellSums[]): { cells: RfmGridCell[]; segments: RfmGridSegment[]; total: RfmGroupFigures } {
  const byCell = new Map(rows.map((row) => [`${row.r}${row.fm}`, { customers: row.customers, cents: cents(row.revenue), recency: row.recencyDaysSum, frequency: row.frequencySum }]));
  const empty = (): Sums => ({ customers: 0, cents: 0n, recency: 0, frequency: 0 });
  const add = (a: Sums, b: Sums): Sums => ({ customers: a.customers + b.customers, cents: a.cents + b.cents, recency: a.recency + b.recency, frequency: a.frequency + b.frequency });
  const cells: RfmGridCell[] = [];
  for (let r = 5; r >= 1; r--) {
    for (let fm = 5; fm >= 1; fm--) {
      const segment = RFM_SEGMENTS.find((s) => s.cells.includes(`${r}${fm}`))!;
      cells.push({ r, fm, segment: segment.key, ...figures(byCell.get(`${r}${fm}`) ?? empty()) });
    }
  }
  const segments = RFM_SEGMENTS.map((s) => ({ segment: s.key, nameZh: s.nameZh, nameEn: s.nameEn, cells: s.cells, ...figures(s.cells.map((c) => byCell.get(c) ?? empty()).reduce(add, empty())) }));
  return { cells, segments, total: figures([...byCell.values()].reduce(add, empty())) };
}
