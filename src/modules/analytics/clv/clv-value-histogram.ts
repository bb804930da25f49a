/**
 * Buckets of customer values for a histogram on the insights page. Pure.
 * Equal-width buckets from 0 to the 99th percentile (so a few whales do not squeeze everyone into
 * the first bar), rounded up to a "nice" width; the last bucket is open-ended and holds the rest.
 *
 * Example: values 0…99 with 5 buckets → width 20: [0,20) … [80,100) and an empty [100, ∞).
 */
export interface ValueBucket {
  from: number;
  /** null: open-ended. */
  to: number | null;
  customers: number;
}

function niceWidth(raw: number): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= raw)!;
  return step * power;
}

export function valueHistogram(values: readonly number[], buckets = 10): ValueBucket[] {
  if (values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(0.99 * (sorted.length - 1)))]!;
  const width = niceWidth(Math.max(p99, 0) / buckets);
  const counts = new Array<number>(buckets + 1).fill(0);
  for (const value of sorted) counts[Math.min(buckets, Math.max(0, Math.floor(value / width)))]!++;
  return counts.map((customers, i) => ({ from: i * width, to: i === buckets ? null : (i + 1) * width, customers }));
}
