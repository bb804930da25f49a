import { AnalysisInputError } from '../analysis-input.js';

/**
 * Holt-Winters filtering exactly as R's `stats::HoltWinters` with seasonal components. Pure.
 *
 * Start-up (R): decompose the first two seasons (centred moving average of order `period`, seasonal
 * figure = mean of x/trend or x−trend per position, normalised), regress the trend on 1..k: the
 * intercept is the start level, the slope the start trend, the figure the start seasonals. Filtering
 * then starts at observation period+1 (the first season is only used for the start-up), so the SSE
 * sums n − period one-step errors.
 *
 * Recursions (multiplicative; additive replaces ÷/× by −/+):
 *   ŷ_t = (ℓ_{t−1} + b_{t−1}) · s_{t−m}
 *   ℓ_t = α · y_t / s_{t−m} + (1−α)(ℓ_{t−1} + b_{t−1})
 *   b_t = β (ℓ_t − ℓ_{t−1}) + (1−β) b_{t−1}
 *   s_t = γ · y_t / ℓ_t + (1−γ) s_{t−m}
 */
export type Seasonality = 'additive' | 'multiplicative';

export interface SmoothingParameters {
  alpha: number;
  beta: number;
  gamma: number;
}

export interface HoltWintersStart {
  level: number;
  trend: number;
  /** One value per position in the season, in order. */
  seasonal: number[];
}

export interface HoltWintersState {
  /** Sum of squared one-step errors over observations period+1 … n. */
  sse: number;
  /** One-step fitted values for observations period+1 … n. */
  fitted: number[];
  residuals: number[];
  /** Final level a, trend b and the last `period` seasonal components (R's coefficients). */
  level: number;
  trend: number;
  seasonal: number[];
}

/** Refuses series too short for the start-up or non-positive values under multiplicative seasonality. */
export function checkSeries(values: readonly number[], period: number, seasonality: Seasonality): void {
  if (!Number.isInteger(period) || period < 2) throw new AnalysisInputError(`the period must be an integer ≥ 2, got ${period}`);
  if (values.length < 2 * period + 1) {
    throw new AnalysisInputError(`too little data: Holt-Winters with period ${period} needs at least ${2 * period + 1} values (two seasons for the start-up and one to fit), got ${values.length}`);
  }
  if (seasonality === 'multiplicative' && values.some((v) => v <= 0)) throw new AnalysisInputError('multiplicative seasonality needs strictly positive values');
}

/** R's centred moving average of `decompose`: weights ½,1,…,1,½ / m for even m, 1/m for odd m. */
function centredMovingAverage(values: readonly number[], period: number): (number | undefined)[] {
  const half = Math.floor(period / 2);
  const weights = period % 2 === 0 ? [0.5, ...Array<number>(period - 1).fill(1), 0.5] : Array<number>(period).fill(1);
  return values.map((_, i) => {
    if (i < half || i + half >= values.length) return undefined;
    let sum = 0;
    weights.forEach((w, k) => {
      sum += w * values[i - half + k]!;
    });
    return sum / period;
  });
}

/** R's start values: decompose the first two seasons and regress their trend on 1..k. */
export function startValues(values: readonly number[], period: number, seasonality: Seasonality): HoltWintersStart {
  const window = values.slice(0, 2 * period);
  const trend = centredMovingAverage(window, period);
  const sums = Array<number>(period).fill(0);
  const counts = Array<number>(period).fill(0);
  window.forEach((value, i) => {
    const t = trend[i];
    if (t === undefined) return;
    sums[i % period]! += seasonality === 'additive' ? value - t : value / t;
    counts[i % period]!++;
  });
  const figure = sums.map((sum, i) => sum / counts[i]!);
  const mean = figure.reduce((a, b) => a + b, 0) / period;
  const seasonal = figure.map((f) => (seasonality === 'additive' ? f - mean : f / mean));
  const { intercept, slope } = leastSquaresLine(trend.filter((t): t is number => t !== undefined));
  return { level: intercept, trend: slope, seasonal };
}

/** Ordinary least squares of y on 1..k. */
function leastSquaresLine(y: readonly number[]): { intercept: number; slope: number } {
  const k = y.length;
  const meanX = (k + 1) / 2;
  const meanY = y.reduce((a, b) => a + b, 0) / k;
  let sxy = 0;
  let sxx = 0;
  y.forEach((value, i) => {
    sxy += (i + 1 - meanX) * (value - meanY);
    sxx += (i + 1 - meanX) ** 2;
  });
  const slope = sxy / sxx;
  return { intercept: meanY - slope * meanX, slope };
}

/** Runs the recursions from observation period+1 with the given start values (R's C filter). */
export function holtWintersFilter(values: readonly number[], period: number, seasonality: Seasonality, parameters: SmoothingParameters, start: HoltWintersStart): HoltWintersState {
  const { alpha, beta, gamma } = parameters;
  const additive = seasonality === 'additive';
  const seasonal = [...start.seasonal];
  let level = start.level;
  let trend = start.trend;
  let sse = 0;
  const fitted: number[] = [];
  const residuals: number[] = [];
  for (let i = period; i < values.length; i++) {
    const y = values[i]!;
    const s = seasonal[i - period]!;
    const forecast = additive ? level + trend + s : (level + trend) * s;
    const error = y - forecast;
    sse += error * error;
    fitted.push(forecast);
    residuals.push(error);
    const nextLevel = alpha * (additive ? y - s : y / s) + (1 - alpha) * (level + trend);
    trend = beta * (nextLevel - level) + (1 - beta) * trend;
    level = nextLevel;
    seasonal.push(gamma * (additive ? y - level : y / level) + (1 - gamma) * s);
  }
  return { sse, fitted, residuals, level, trend, seasonal: seasonal.slice(seasonal.length - period) };
}
