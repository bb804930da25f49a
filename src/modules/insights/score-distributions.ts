import type { ChurnCountRow, ValueBucketRow } from './insights-repository.js';

export interface ClvBar {
  /** Yuan, inclusive. */
  from: number;
  /** Yuan, exclusive; null = open-ended last bar. */
  to: number | null;
  customers: number;
}

/** Histogram bars 0 … `buckets` (every bar, empty ones with 0) from the grouped rows; [] without CLV scores. Pure. */
export function clvHistogram(rows: readonly ValueBucketRow[], buckets: number): { customers: number; bars: ClvBar[] } {
  const first = rows[0];
  if (first === undefined) return { customers: 0, bars: [] };
  const width = Number(first.width);
  const counts = new Map(rows.map((r) => [r.bucket, r.customers]));
  const round = (x: number) => Math.round(x * 100) / 100;
  const bars = Array.from({ length: buckets + 1 }, (_, i) => ({ from: round(i * width), to: i === buckets ? null : round((i + 1) * width), customers: counts.get(i) ?? 0 }));
  return { customers: rows.reduce((n, r) => n + r.customers, 0), bars };
}

export const CHURN_LEVELS = ['low', 'medium', 'high'] as const;

/** Churn levels (low, medium, high) and ten risk bands of 0.1, each with its count (0 when empty). Pure. */
export function churnDistribution(rows: readonly ChurnCountRow[]) {
  const levels = CHURN_LEVELS.map((level) => ({ level, customers: rows.find((r) => r.level === level && r.bucket === null)?.customers ?? 0 }));
  const bands = Array.from({ length: 10 }, (_, b) => ({ from: b / 10, to: (b + 1) / 10, customers: rows.find((r) => r.bucket === b && r.level === null)?.customers ?? 0 }));
  return { customers: bands.reduce((n, b) => n + b.customers, 0), levels, bands };
}
