/**
 * CLV: BG/NBD (purchases, P(alive)) + Gamma-Gamma (spend) + discounted value. Pure functions; see
 * ../README.md "CLV and churn risk" for formulas and the CLI.
 */
export { buildClvSummaries, assertFittable, DAYS_PER_TIME_UNIT, type ClvCustomerSummary, type ClvTimeUnit, type ClvTransaction } from './clv-summary.js';
export {
  bgNbdLogLikelihood,
  bgNbdLogLikelihoodWithGradient,
  conditionalExpectedPurchases,
  expectedPurchasesNewCustomer,
  fitBgNbd,
  groupSummaries,
  probabilityAlive,
  type BgNbdFit,
  type BgNbdParams,
} from './bgnbd.js';
export {
  conditionalExpectedAverageSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  gammaGammaLogLikelihoodWithGradient,
  spendData,
  spendModelCustomers,
  type GammaGammaFit,
  type GammaGammaParams,
  type SpendData,
} from './gamma-gamma.js';
export { DEFAULT_CLV_VALUE_OPTIONS, discountedLifetimeValue, monthsToTimeUnits, type ClvValueOptions } from './customer-lifetime-value.js';
export { runClvModel, type ClvCustomerScore, type ClvModelResult } from './clv-model.js';
export { clvAnalysis } from './clv-analysis.js';
