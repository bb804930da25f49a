import type { ClvCustomerSummary } from './clv-summary.js';
import { minimizeNelderMead } from './nelder-mead.js';
import { hypergeometric2F1, logAddExp, logGamma } from './special-functions.js';

/**
 * The BG/NBD model of Fader, Hardie & Lee (2005), "Counting your customers the easy way":
 * while alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase
 * they drop out with probability p ~ Beta(a, b). Pure functions over per-customer summaries
 * (x = repeat transactions, t_x = recency, T = age, all in one time unit).
 */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit extends BgNbdParams {
  logLik: number;
  converged: boolean;
}

type Summary = Pick<ClvCustomerSummary, 'frequency' | 'recency' | 'T'>;

/**
 * Customers with the same (x, t_x, T) collapsed into one row with a count (the likelihood is a sum),
 * and each column coded as an index into its distinct values: real data has few distinct ages and
 * recencies (calendar days), so the logarithms are taken once per distinct value, not per row.
 */
export interface GroupedSummaries {
  count: Float64Array;
  distinctFrequencies: number[];
  frequencyIndex: Int32Array;
  distinctRecencies: number[];
  recencyIndex: Int32Array;
  distinctAges: number[];
  ageIndex: Int32Array;
}

export function groupSummaries(summaries: readonly Summary[]): GroupedSummaries {
  const rows = new Map<string, { s: Summary; n: number }>();
  for (const s of summaries) {
    const key = `${s.frequency}|${s.recency}|${s.T}`;
    const row = rows.get(key);
    if (row === undefined) rows.set(key, { s, n: 1 });
    else row.n++;
  }
  const list = [...rows.values()];
  const [distinctFrequencies, frequencyIndex] = codeColumn(list.map((r) => r.s.frequency));
  const [distinctRecencies, recencyIndex] = codeColumn(list.map((r) => r.s.recency));
  const [distinctAges, ageIndex] = codeColumn(list.map((r) => r.s.T));
  return { count: Float64Array.from(list, (r) => r.n), distinctFrequencies, frequencyIndex, distinctRecencies, recencyIndex, distinctAges, ageIndex };
}

function codeColumn(values: number[]): [number[], Int32Array] {
  const distinct = [...new Set(values)];
  const position = new Map(distinct.map((value, i) => [value, i]));
  return [distinct, Int32Array.from(values, (value) => position.get(value)!)];
}

/**
 * Σ ln L_i with L_i = B(a, b+x)/B(a, b) · Γ(r+x)α^r/Γ(r) · [ (α+T)^−(r+x) + 1{x>0} a/(b+x−1) (α+t_x)^−(r+x) ].
 * The terms that depend only on x are computed once per distinct x.
 */
export function bgNbdLogLikelihood({ r, alpha, a, b }: BgNbdParams, data: GroupedSummaries): number {
  const common = logGamma(a + b) - logGamma(b) - logGamma(r) + r * Math.log(alpha);
  const xs = data.distinctFrequencies;
  const constant = Float64Array.from(xs, (x) => common + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x));
  const dropout = Float64Array.from(xs, (x) => (x > 0 ? Math.log(a) - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY));
  const shape = Float64Array.from(xs, (x) => r + x);
  const logAge = Float64Array.from(data.distinctAges, (T) => Math.log(alpha + T));
  const logRecency = Float64Array.from(data.distinctRecencies, (t) => Math.log(alpha + t));
  const { count, frequencyIndex, ageIndex, recencyIndex } = data;
  let total = 0;
  for (let i = 0; i < count.length; i++) {
    const k = frequencyIndex[i]!;
    const stillAlive = -shape[k]! * logAge[ageIndex[i]!]!;
    const droppedAtLast = dropout[k]! - shape[k]! * logRecency[recencyIndex[i]!]!;
    total += count[i]! * (constant[k]! + logAddExp(stillAlive, droppedAtLast));
  }
  return total;
}

/**
 * Maximum-likelihood (r, α, a, b): Nelder–Mead with restarts on log-parameters (which keeps them
 * positive). Starts from r = 1, a = 1, b = 1 and α = the mean age, a scale that matches the unit.
 * Callers check the data first (`assertFittable`): at least one repeat buyer.
 */
export function fitBgNbd(summaries: readonly Summary[]): BgNbdFit {
  const data = groupSummaries(summaries);
  const meanAge = summaries.reduce((sum, s) => sum + s.T, 0) / Math.max(1, summaries.length);
  const fromLog = (p: number[]): BgNbdParams => ({ r: Math.exp(p[0]!), alpha: Math.exp(p[1]!), a: Math.exp(p[2]!), b: Math.exp(p[3]!) });
  const start = [0, Math.log(Math.max(meanAge, 1e-3)), 0, 0];
  const minimum = minimizeNelderMead((p) => -bgNbdLogLikelihood(fromLog(p), data), start, { tolerance: 1e-12 });
  return { ...fromLog(minimum.point), logLik: -minimum.value, converged: minimum.converged };
}

/** P(alive | x, t_x, T) = 1 / (1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)); 1 for x = 0. */
export function probabilityAlive({ r, alpha, a, b }: BgNbdParams, { frequency: x, recency, T }: Summary): number {
  if (x === 0) return 1;
  const logOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + recency));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * E[X(t) | x, t_x, T]: expected purchases in the next t time units of a customer with that history.
 *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z)] / (1 + 1{x>0} a/(b+x−1) ((α+T)/(α+t_x))^(r+x)),
 * z = t/(α+T+t). Evaluated through Euler's transformation
 *   ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; c; z) = (1−z)^(a−1) · 2F1(a+b−1−r, a−1; c; z),
 * whose parameters do not grow with x, so heavy buyers neither overflow nor need long series.
 */
export function conditionalExpectedPurchases(params: BgNbdParams, t: number, history: Summary): number {
  // The formula has a removable singularity at a = 1: average the two sides there.
  if (Math.abs(params.a - 1) < 1e-7) {
    const eps = 1e-6;
    return (conditionalExpectedPurchases({ ...params, a: 1 + eps }, t, history) + conditionalExpectedPurchases({ ...params, a: 1 - eps }, t, history)) / 2;
  }
  if (t <= 0) return 0;
  const { r, alpha, a, b } = params;
  const { frequency: x, T } = history;
  const z = t / (alpha + T + t);
  const c = a + b + x - 1;
  const bracket = 1 - (1 - z) ** (a - 1) * hypergeometric2F1(a + b - 1 - r, a - 1, c, z);
  return (((c / (a - 1)) * bracket) * probabilityAlive(params, history));
}

/** E[X(t)] for a customer just acquired (x = 0, T = 0): (a+b−1)/(a−1) · [1 − (α/(α+t))^r 2F1(r, b; a+b−1; t/(α+t))]. */
export function expectedPurchasesNewCustomer(params: BgNbdParams, t: number): number {
  return conditionalExpectedPurchases(params, t, { frequency: 0, recency: 0, T: 0 });
}
