import { AnalysisInputError } from '../analysis-input.js';
import { minimizeNelderMead } from '../clv/nelder-mead.js';
import { checkSeries, type HoltWintersStart, type HoltWintersState, holtWintersFilter, type Seasonality, type SmoothingParameters, startValues } from './holt-winters.js';

/**
 * Holt-Winters with R's start-up and any of α, β, γ fixed or fitted by least squares (the sum of
 * squared one-step errors, as R). Pure and deterministic.
 *
 * Fitting: R uses L-BFGS-B from (0.3, 0.1, 0.1) inside [0, 1]³, which can stop in a local minimum.
 * Here each free parameter is optimised on the logit scale (so it stays inside (0, 1)) by Nelder–Mead
 * from R's start and from a coarse grid of starts, keeping the lowest SSE: the result is R's optimum
 * or a lower one (AirPassengers multiplicative: R 16,570.78).
 */
export interface HoltWintersFit {
  parameters: SmoothingParameters;
  start: HoltWintersStart;
  state: HoltWintersState;
}

type Name = keyof SmoothingParameters;
const NAMES: readonly Name[] = ['alpha', 'beta', 'gamma'];
const R_START: SmoothingParameters = { alpha: 0.3, beta: 0.1, gamma: 0.1 };
const GRID = [0.1, 0.5, 0.9];

const logistic = (u: number) => 1 / (1 + Math.exp(-u));
const logit = (p: number) => Math.log(p / (1 - p));

export function fitHoltWinters(values: readonly number[], period: number, seasonality: Seasonality, fixed: Partial<SmoothingParameters> = {}): HoltWintersFit {
  checkSeries(values, period, seasonality);
  for (const name of NAMES) {
    const value = fixed[name];
    if (value !== undefined && !(value >= 0 && value <= 1)) throw new AnalysisInputError(`${name} must be within [0, 1], got ${value}`);
  }
  if (fixed.alpha === 0) throw new AnalysisInputError('alpha must not be 0: a model without a level cannot be fitted');
  const start = startValues(values, period, seasonality);
  const free = NAMES.filter((name) => fixed[name] === undefined);
  const withFree = (point: readonly number[]): SmoothingParameters => {
    const parameters = { ...R_START, ...fixed };
    free.forEach((name, i) => {
      parameters[name] = logistic(point[i]!);
    });
    return parameters;
  };
  const sse = (point: number[]) => holtWintersFilter(values, period, seasonality, withFree(point), start).sse;
  let best = free.map((name) => logit(R_START[name]));
  let bestValue = free.length === 0 ? 0 : sse(best);
  for (const from of [best, ...grid(free.length)]) {
    const found = minimizeNelderMead(sse, from, { step: 1, tolerance: 1e-12, maxEvaluations: 4000 });
    if (found.value < bestValue) {
      best = found.point;
      bestValue = found.value;
    }
  }
  const parameters = withFree(best);
  return { parameters, start, state: holtWintersFilter(values, period, seasonality, parameters, start) };
}

/** Every combination of GRID values for `dimensions` parameters, on the logit scale. */
function grid(dimensions: number): number[][] {
  let points: number[][] = [[]];
  for (let d = 0; d < dimensions; d++) points = points.flatMap((point) => GRID.map((g) => [...point, logit(g)]));
  return dimensions === 0 ? [] : points;
}
