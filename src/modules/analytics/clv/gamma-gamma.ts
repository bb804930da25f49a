import type { ClvCustomerSummary } from './clv-summary.js';
import { maximizeLikelihood } from './likelihood-maximisation.js';
import { digamma, logGamma } from './special-functions.js';

/**
 * The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Colombo & Jiang 1999):
 * a customer's transaction values are Gamma(p, ν) around their mean p/ν, with ν ~ Gamma(q, γ)
 * across customers (γ is called `v` here, as in the published CDNOW fit). Fitted on repeat buyers
 * only (x > 0, mean repeat spend m > 0). Pure.
 */
export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  logLik: number;
  converged: boolean;
  /** Customers the fit used (x > 0 and monetary > 0). */
  customers: number;
}

type SpendSummary = Pick<ClvCustomerSummary, 'frequency' | 'monetary'>;

/** Repeat buyers with a positive mean spend: the only customers that inform the spend model. */
export function spendModelCustomers<T extends SpendSummary>(summaries: readonly T[]): T[] {
  return summaries.filter((s) => s.frequency > 0 && s.monetary > 0);
}

/** Repeat buyers as columns, with the per-frequency sums the likelihood needs (computed once). */
export interface SpendData {
  frequency: Float64Array;
  monetary: Float64Array;
  /** Distinct frequencies, how many buyers have each, and Σ ln m̄ over them. */
  distinctFrequencies: Float64Array;
  buyersWithFrequency: Float64Array;
  sumLogMonetary: Float64Array;
}

export function spendData(buyers: readonly SpendSummary[]): SpendData {
  const byFrequency = new Map<number, { n: number; sumLog: number }>();
  for (const { frequency, monetary } of buyers) {
    const entry = byFrequency.get(frequency) ?? { n: 0, sumLog: 0 };
    entry.n++;
    entry.sumLog += Math.log(monetary);
    byFrequency.set(frequency, entry);
  }
  const entries = [...byFrequency];
  return {
    frequency: Float64Array.from(buyers, (s) => s.frequency),
    monetary: Float64Array.from(buyers, (s) => s.monetary),
    distinctFrequencies: Float64Array.from(entries, ([x]) => x),
    buyersWithFrequency: Float64Array.from(entries, ([, e]) => e.n),
    sumLogMonetary: Float64Array.from(entries, ([, e]) => e.sumLog),
  };
}

/**
 * Σ ln f(m̄ | x) with f = Γ(px+q)/(Γ(px)Γ(q)) · v^q · m̄^(px−1) · x^(px) / (v + x m̄)^(px+q),
 * the density of the mean m̄ of x transactions. Everything but the last factor is summed per x.
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: SpendData): number {
  return gammaGammaLogLikelihoodWithGradient(params, data).value;
}

/**
 * The log-likelihood and its gradient ∂/∂(p, q, v); per buyer, with s = v + x m̄:
 *   ∂p = x [ψ(px+q) − ψ(px) + ln x + ln m̄ − ln s],  ∂q = ln v − ψ(q) + ψ(px+q) − ln s,
 *   ∂v = q/v − (px+q)/s.
 */
export function gammaGammaLogLikelihoodWithGradient({ p, q, v }: GammaGammaParams, data: SpendData): { value: number; gradient: number[] } {
  const perBuyer = q * Math.log(v) - logGamma(q);
  let value = 0;
  let dp = 0;
  let dq = 0;
  let dv = 0;
  for (let k = 0; k < data.distinctFrequencies.length; k++) {
    const x = data.distinctFrequencies[k]!;
    const n = data.buyersWithFrequency[k]!;
    const sumLog = data.sumLogMonetary[k]!;
    value += n * (perBuyer + logGamma(p * x + q) - logGamma(p * x) + p * x * Math.log(x)) + (p * x - 1) * sumLog;
    const shapeTerm = digamma(p * x + q);
    dp += n * x * (shapeTerm - digamma(p * x) + Math.log(x)) + x * sumLog;
    dq += n * (Math.log(v) - digamma(q) + shapeTerm);
    dv += (n * q) / v;
  }
  const { frequency, monetary } = data;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i]!;
    const total = v + x * monetary[i]!;
    const logTotal = Math.log(total);
    value -= (p * x + q) * logTotal;
    dp -= x * logTotal;
    dq -= logTotal;
    dv -= (p * x + q) / total;
  }
  return { value, gradient: [dp, dq, dv] };
}

/** Maximum-likelihood (p, q, v) by `maximizeLikelihood`, from p = q = 1, v = the mean spend. */
export function fitGammaGamma(summaries: readonly SpendSummary[]): GammaGammaFit {
  const buyers = spendModelCustomers(summaries);
  const data = spendData(buyers);
  const meanSpend = buyers.reduce((sum, s) => sum + s.monetary, 0) / Math.max(1, buyers.length);
  const fit = maximizeLikelihood(([p, q, v]) => gammaGammaLogLikelihoodWithGradient({ p: p!, q: q!, v: v! }, data), [1, 1, Math.max(meanSpend, 1e-6)]);
  const [p, q, v] = fit.params as [number, number, number];
  return { p, q, v, logLik: fit.logLik, converged: fit.converged, customers: buyers.length };
}

/**
 * E[M | x, m̄] = p(v + x m̄)/(px + q − 1): a weighted average of the population mean pv/(q−1) and the
 * customer's own mean m̄, the weight on m̄ growing with x. For x = 0 it is the population mean.
 * Needs q > 1 (a finite population mean); otherwise returns the customer's own mean.
 */
export function conditionalExpectedAverageSpend({ p, q, v }: GammaGammaParams, { frequency: x, monetary: m }: SpendSummary): number {
  if (q <= 1) return m;
  return (p * (v + x * m)) / (p * x + q - 1);
}
