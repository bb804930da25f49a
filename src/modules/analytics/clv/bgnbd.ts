import type { ClvCustomerSummary } from './clv-summary.js';
import { maximizeLikelihood } from './likelihood-maximisation.js';
import { digamma, hypergeometric2F1, logGamma } from './special-functions.js';

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
 */
export function bgNbdLogLikelihood(params: BgNbdParams, data: GroupedSummaries): number {
  return bgNbdLogLikelihoodWithGradient(params, data).value;
}

/**
 * The log-likelihood and its gradient ∂/∂(r, α, a, b). With w = the share of the "dropped out right
 * after the last purchase" term in L_i (0 for x = 0), per customer:
 *   ∂r = ψ(r+x) − ψ(r) + ln α − (1−w) ln(α+T) − w ln(α+t_x)
 *   ∂α = r/α − (r+x) [(1−w)/(α+T) + w/(α+t_x)]
 *   ∂a = ψ(a+b) − ψ(a+b+x) + w/a
 *   ∂b = ψ(b+x) − ψ(b) − [ψ(a+b+x) − ψ(a+b)] − w/(b+x−1)
 * Terms that depend only on x are computed once per distinct x, logarithms once per distinct T and t_x.
 */
export function bgNbdLogLikelihoodWithGradient({ r, alpha, a, b }: BgNbdParams, data: GroupedSummaries): { value: number; gradient: number[] } {
  const xs = data.distinctFrequencies;
  const byX = frequencyTerms({ r, alpha, a, b }, xs);
  const logAge = Float64Array.from(data.distinctAges, (T) => Math.log(alpha + T));
  const logRecency = Float64Array.from(data.distinctRecencies, (t) => Math.log(alpha + t));
  const { count, frequencyIndex, ageIndex, recencyIndex } = data;
  let value = 0;
  let dr = 0;
  let dAlpha = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < count.length; i++) {
    const k = frequencyIndex[i]!;
    const x = xs[k]!;
    const n = count[i]!;
    const ageTerm = logAge[ageIndex[i]!]!;
    const recencyTerm = logRecency[recencyIndex[i]!]!;
    const { log, share } = logSumAndShare(-(r + x) * ageTerm, byX.dropout[k]! - (r + x) * recencyTerm);
    value += n * (byX.constant[k]! + log);
    dr += n * (byX.dr[k]! - (1 - share) * ageTerm - share * recencyTerm);
    dAlpha += n * (r / alpha - (r + x) * ((1 - share) / (alpha + data.distinctAges[ageIndex[i]!]!) + share / (alpha + data.distinctRecencies[recencyIndex[i]!]!)));
    da += n * (byX.da[k]! + (x > 0 ? share / a : 0));
    db += n * (byX.db[k]! - (x > 0 ? share / (b + x - 1) : 0));
  }
  return { value, gradient: [dr, dAlpha, da, db] };
}

/**
 * The per-x parts of the log-likelihood and gradient. For integer x the Gamma-function ratios are
 * sums — ln Γ(r+x) − ln Γ(r) = Σ_{j<x} ln(r+j), ψ(r+x) − ψ(r) = Σ_{j<x} 1/(r+j) — which stay exact
 * where differences of ln Γ at large arguments would cancel catastrophically (non-integer x, as
 * in hand-made summaries, falls back to ln Γ and ψ).
 */
function frequencyTerms({ r, alpha, a, b }: BgNbdParams, xs: readonly number[]) {
  const maxX = xs.reduce((max, x) => Math.max(max, x), 0);
  const integral = xs.every(Number.isInteger) && maxX <= 1e6;
  const logRatio = (base: number, x: number) => logGamma(base + x) - logGamma(base);
  const sums = integral ? cumulativeSums(r, b, a + b, maxX) : undefined;
  // B(a, b+x)/B(a, b) = [Γ(b+x)/Γ(b)] / [Γ(a+b+x)/Γ(a+b)]: only ratios over x steps remain.
  const lnRatios = (x: number) => (sums ? sums.logR[x]! + sums.logB[x]! - sums.logAB[x]! : logRatio(r, x) + logRatio(b, x) - logRatio(a + b, x));
  const invR = (x: number) => (sums ? sums.invR[x]! : digamma(r + x) - digamma(r));
  const invAB = (x: number) => (sums ? sums.invAB[x]! : digamma(a + b + x) - digamma(a + b));
  const invB = (x: number) => (sums ? sums.invB[x]! : digamma(b + x) - digamma(b));
  const logAlpha = Math.log(alpha);
  return {
    constant: Float64Array.from(xs, (x) => r * logAlpha + lnRatios(x)),
    dropout: Float64Array.from(xs, (x) => (x > 0 ? Math.log(a) - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY)),
    dr: Float64Array.from(xs, (x) => invR(x) + logAlpha),
    da: Float64Array.from(xs, (x) => -invAB(x)),
    db: Float64Array.from(xs, (x) => invB(x) - invAB(x)),
  };
}

/** Σ_{j<x} ln(base + j) and Σ_{j<x} 1/(base + j) for x = 0..maxX and the three bases r, b, a+b. */
function cumulativeSums(r: number, b: number, ab: number, maxX: number) {
  const logR = new Float64Array(maxX + 1);
  const logB = new Float64Array(maxX + 1);
  const logAB = new Float64Array(maxX + 1);
  const invR = new Float64Array(maxX + 1);
  const invB = new Float64Array(maxX + 1);
  const invAB = new Float64Array(maxX + 1);
  for (let j = 0; j < maxX; j++) {
    logR[j + 1] = logR[j]! + Math.log(r + j);
    logB[j + 1] = logB[j]! + Math.log(b + j);
    logAB[j + 1] = logAB[j]! + Math.log(ab + j);
    invR[j + 1] = invR[j]! + 1 / (r + j);
    invB[j + 1] = invB[j]! + 1 / (b + j);
    invAB[j + 1] = invAB[j]! + 1 / (ab + j);
  }
  return { logR, logB, logAB, invR, invB, invAB };
}

/** ln(e^p + e^q) and e^q / (e^p + e^q), with one exp and one log1p. */
function logSumAndShare(p: number, q: number): { log: number; share: number } {
  if (q === Number.NEGATIVE_INFINITY) return { log: p, share: 0 };
  const difference = q - p;
  const e = Math.exp(-Math.abs(difference));
  return difference > 0 ? { log: q + Math.log1p(e), share: 1 / (1 + e) } : { log: p + Math.log1p(e), share: e / (1 + e) };
}

/**
 * Maximum-likelihood (r, α, a, b) by `maximizeLikelihood` (BFGS on log-parameters with the analytic
 * gradient, Nelder–Mead as the fallback). Starts from r = 1, a = 1, b = 1 and α = the mean age, a scale that matches the unit.
 * Callers check the data first (`assertFittable`): at least one repeat buyer.
 */
export function fitBgNbd(summaries: readonly Summary[]): BgNbdFit {
  const data = groupSummaries(summaries);
  const meanAge = summaries.reduce((sum, s) => sum + s.T, 0) / Math.max(1, summaries.length);
  const toParams = (p: number[]): BgNbdParams => ({ r: p[0]!, alpha: p[1]!, a: p[2]!, b: p[3]! });
  const fit = maximizeLikelihood((p) => bgNbdLogLikelihoodWithGradient(toParams(p), data), [1, Math.max(meanAge, 1e-3), 1, 1]);
  return { ...toParams(fit.params), logLik: fit.logLik, converged: fit.converged };
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
