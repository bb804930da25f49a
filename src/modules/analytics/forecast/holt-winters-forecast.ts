import { normalQuantile } from '../abtest/normal-quantile.js';
import type { HoltWintersState, Seasonality, SmoothingParameters } from './holt-winters.js';

/**
 * h-step forecasts from the final state, with a normal prediction interval. Pure.
 *
 * Point forecast (as R's predict.HoltWinters): (a + h·b) · s_h, or a + h·b + s_h (additive), where
 * s_h is the seasonal component of the same position h steps ahead.
 * Interval: mean ± z_{(1+level)/2} · √v_h with σ² the sample variance (n−1) of the one-step
 * residuals and, as in R's additive formula (Hyndman et al. 2008, class 1),
 *   v_h = σ² · Σ_{j=0}^{h−1} c_j²,  c_0 = 1,  c_j = α(1 + jβ) + [j mod m = 0] γ(1 − α).
 * For multiplicative seasonality each c_j is scaled by s_h / s_{h−j} (the seasonal index of the
 * target over that of the step the error entered), the intent of R's multiplicative formula
 * without its index quirk; it is an approximation, so multiplicative intervals differ from R's.
 */
export interface ForecastPoint {
  step: number;
  mean: number;
  lower: number;
  upper: number;
}

export function holtWintersForecast(
  state: HoltWintersState,
  parameters: SmoothingParameters,
  seasonality: Seasonality,
  horizon: number,
  level = 0.95,
): ForecastPoint[] {
  const period = state.seasonal.length;
  const z = normalQuantile((1 + level) / 2);
  const variance = sampleVariance(state.residuals);
  const seasonAt = (step: number) => state.seasonal[(((step - 1) % period) + period) % period]!;
  const points: ForecastPoint[] = [];
  for (let h = 1; h <= horizon; h++) {
    const base = state.level + h * state.trend;
    const mean = seasonality === 'additive' ? base + seasonAt(h) : base * seasonAt(h);
    let sum = 0;
    for (let j = 0; j < h; j++) {
      const c = j === 0 ? 1 : parameters.alpha * (1 + j * parameters.beta) + (j % period === 0 ? parameters.gamma * (1 - parameters.alpha) : 0);
      const ratio = seasonality === 'additive' ? 1 : seasonAt(h) / seasonAt(h - j);
      sum += (c * ratio) ** 2;
    }
    const half = z * Math.sqrt(variance * sum);
    points.push({ step: h, mean, lower: mean - half, upper: mean + half });
  }
  return points;
}

function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
}
