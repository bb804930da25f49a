import { fmScore, type RfmScore, type RfmSegmentKey, segmentOf } from './rfm-segments.js';

/**
 * Quintile scores 1–5 for recency, frequency and monetary value. Pure.
 *
 * - `type7`: as the R package `rfm` scores (`rfm_table_order`): breaks at the 0.2/0.4/0.6/0.8
 *   quantiles computed like R's `quantile(x, type = 7)` (PostgreSQL's `percentile_cont`) **plus 1**
 *   (its `bins()` adds 1), intervals [lo, hi): score = 1 + number of breaks ≤ x. The published
 *   figure (158 customers with R, F, M ≥ 4 in `rfm_data_orders`) needs the +1; without it there are
 *   175. Equal values always get equal scores; with many ties a score may be unused.
 * - `ntile`: customers sorted by the value (ties by customer id) and cut into 5 groups whose sizes
 *   differ by at most one, the larger groups first — PostgreSQL's `ntile(5)`. Every score is used,
 *   but equal values may get different scores.
 * Recency is scored inversely: the fewest days since the last order get 5.
 */
export type QuantileMethod = 'type7' | 'ntile';
export const QUANTILE_METHODS: readonly QuantileMethod[] = ['type7', 'ntile'];
export const QUINTILE_PROBABILITIES = [0.2, 0.4, 0.6, 0.8] as const;

export type CustomerKey = string | number;

export interface RfmFigures {
  customerId: CustomerKey;
  recencyDays: number;
  frequency: number;
  monetary: number;
}

export interface RfmScored extends RfmFigures {
  r: RfmScore;
  f: RfmScore;
  m: RfmScore;
  fm: RfmScore;
  segment: RfmSegmentKey;
}

/** R's type 7 quantile of ascending `sorted` (the same float arithmetic as `percentile_cont`). */
export function quantileType7(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  const h = p * (sorted.length - 1);
  const lo = Math.floor(h);
  const low = sorted[lo]!;
  const high = sorted[Math.ceil(h)]!;
  return low + (high - low) * (h - lo);
}

/** The R rfm package's breaks: type 7 quintiles + 1. */
export function type7Breaks(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return QUINTILE_PROBABILITIES.map((p) => quantileType7(sorted, p) + 1);
}

/** 1 + the number of breaks ≤ value (intervals [lo, hi)). */
export function scoreByBreaks(value: number, breaks: readonly number[]): RfmScore {
  return (1 + breaks.filter((b) => b <= value).length) as RfmScore;
}

export function compareCustomerKeys(a: CustomerKey, b: CustomerKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** ntile(5) over (value, customer id) ascending, as PostgreSQL numbers the groups. */
export function ntileScores(items: readonly { customerId: CustomerKey; value: number }[]): Map<CustomerKey, RfmScore> {
  const sorted = [...items].sort((a, b) => a.value - b.value || compareCustomerKeys(a.customerId, b.customerId));
  const base = Math.floor(sorted.length / 5);
  const larger = sorted.length % 5;
  const scores = new Map<CustomerKey, RfmScore>();
  let index = 0;
  for (let group = 1; group <= 5; group++) {
    const size = base + (group <= larger ? 1 : 0);
    for (let i = 0; i < size; i++) scores.set(sorted[index++]!.customerId, group as RfmScore);
  }
  return scores;
}

/**
 * Scores and segments of every customer. For ntile, recency ranks by days descending (ties by id
 * ascending), so the most recent customers fall in group 5.
 */
export function scoreRfm(customers: readonly RfmFigures[], method: QuantileMethod): RfmScored[] {
  const scorer = method === 'type7' ? type7Scorer(customers) : ntileScorer(customers);
  return customers.map((c) => {
    const { r, f, m } = scorer(c);
    const fm = fmScore(f, m);
    return { ...c, r, f, m, fm, segment: segmentOf(r, fm) };
  });
}

type Scorer = (c: RfmFigures) => { r: RfmScore; f: RfmScore; m: RfmScore };

function type7Scorer(customers: readonly RfmFigures[]): Scorer {
  if (customers.length === 0) return () => ({ r: 1, f: 1, m: 1 });
  const recency = type7Breaks(customers.map((c) => c.recencyDays));
  const frequency = type7Breaks(customers.map((c) => c.frequency));
  const monetary = type7Breaks(customers.map((c) => c.monetary));
  return (c) => ({
    r: (6 - scoreByBreaks(c.recencyDays, recency)) as RfmScore,
    f: scoreByBreaks(c.frequency, frequency),
    m: scoreByBreaks(c.monetary, monetary),
  });
}

function ntileScorer(customers: readonly RfmFigures[]): Scorer {
  const r = ntileScores(customers.map((c) => ({ customerId: c.customerId, value: -c.recencyDays })));
  const f = ntileScores(customers.map((c) => ({ customerId: c.customerId, value: c.frequency })));
  const m = ntileScores(customers.map((c) => ({ customerId: c.customerId, value: c.monetary })));
  return (c) => ({ r: r.get(c.customerId)!, f: f.get(c.customerId)!, m: m.get(c.customerId)! });
}
