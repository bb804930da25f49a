import { AnalysisInputError } from '../analysis-input.js';
import { type BgNbdFit, conditionalExpectedPurchases, fitBgNbd, probabilityAlive } from './bgnbd.js';
import { assertFittable, type ClvCustomerSummary } from './clv-summary.js';
import { type ClvValueOptions, DEFAULT_CLV_VALUE_OPTIONS, discountedLifetimeValue, monthsToTimeUnits } from './customer-lifetime-value.js';
import { conditionalExpectedAverageSpend, fitGammaGamma, type GammaGammaFit } from './gamma-gamma.js';

/**
 * The whole CLV pipeline on customer summaries: fit BG/NBD and Gamma-Gamma, then score every
 * customer. Used by `relata analyze clv` and by the database runner that fills `customer_scores`
 * (clv_p_alive, clv_expected_purchases, clv_expected_spend, clv_value_12m). Pure.
 */
export interface ClvCustomerScore extends ClvCustomerSummary {
  /** P(alive | x, t_x, T) under BG/NBD. */
  pAlive: number;
  /** Expected purchases in the horizon (E[X(horizon) | x, t_x, T]). */
  expectedPurchases: number;
  /** Gamma-Gamma expected average spend per transaction (the population mean for x = 0). */
  expectedSpend: number;
  /** Discounted value over the horizon (see `discountedLifetimeValue`). */
  clv: number;
}

export interface ClvModelResult {
  bgnbd: BgNbdFit;
  gammaGamma: GammaGammaFit;
  customers: ClvCustomerScore[];
}

/** Throws AnalysisInputError (code analysis.too_little_data) when the data cannot support a fit. */
export function runClvModel(summaries: readonly ClvCustomerSummary[], options: ClvValueOptions = DEFAULT_CLV_VALUE_OPTIONS): ClvModelResult {
  assertFittable(summaries);
  const bgnbd = fitBgNbd(summaries);
  const gammaGamma = fitGammaGamma(summaries);
  if (gammaGamma.customers === 0) throw new AnalysisInputError('too little data: no repeat buyer with a positive amount, the spend model cannot be fitted', 'analysis.too_little_data');
  assertFinite('BG/NBD', [bgnbd.r, bgnbd.alpha, bgnbd.a, bgnbd.b, bgnbd.logLik]);
  assertFinite('Gamma-Gamma', [gammaGamma.p, gammaGamma.q, gammaGamma.v, gammaGamma.logLik]);
  const horizon = monthsToTimeUnits(options.horizonMonths, options.timeUnit);
  const customers = summaries.map((summary) => {
    // Expected purchases first: it checks the horizon, so the monthly steps of the value are safe.
    const expectedPurchases = expectedPurchasesSafely(bgnbd, horizon, summary);
    const expectedSpend = conditionalExpectedAverageSpend(gammaGamma, summary);
    const clv = discountedLifetimeValue(bgnbd, summary, expectedSpend, options);
    return { ...summary, pAlive: probabilityAlive(bgnbd, summary), expectedPurchases, expectedSpend, clv };
  });
  return { bgnbd, gammaGamma, customers };
}

function expectedPurchasesSafely(bgnbd: BgNbdFit, horizon: number, summary: ClvCustomerSummary): number {
  try {
    return conditionalExpectedPurchases(bgnbd, horizon, summary);
  } catch (err) {
    if (err instanceof RangeError) throw new AnalysisInputError(`the horizon is too long for the fitted model (${err.message}); use a shorter --horizon`, 'analysis.too_little_data');
    throw err;
  }
}

function assertFinite(model: string, values: number[]): void {
  if (values.some((v) => !Number.isFinite(v))) throw new AnalysisInputError(`too little data: the ${model} fit did not reach finite parameters`, 'analysis.too_little_data');
}
