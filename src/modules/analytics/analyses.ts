import type { Analysis } from './analysis-input.js';
import { abTestAnalysis } from './abtest/abtest-analysis.js';
import { attributionAnalysis } from './attribution/attribution-analysis.js';
import { basketAnalysis } from './basket/basket-analysis.js';
import { forecastAnalysis } from './forecast/forecast-analysis.js';
import { clvAnalysis } from './clv/clv-analysis.js';
import { clustersAnalysis } from './clusters/clusters-analysis.js';
import { churnAnalysis, leadScoreAnalysis } from './logistic/logistic-analysis.js';
import { rfmAnalysis } from './rfm/rfm-analysis.js';

/**
 * Every analysis `relata analyze <name>` can run on a CSV. One entry per model; each model lives in
 * its own folder (`rfm/`, `clv/`, `basket/` …) with a pure core and an `<model>-analysis.ts` adapter.
 */
export const ANALYSES: Record<string, Analysis> = {
  abtest: abTestAnalysis,
  attribution: attributionAnalysis,
  basket: basketAnalysis,
  forecast: forecastAnalysis,
  churn: churnAnalysis,
  clusters: clustersAnalysis,
  clv: clvAnalysis,
  leadscore: leadScoreAnalysis,
  rfm: rfmAnalysis,
};
