import { AnalysisInputError } from '../analysis-input.js';
import { twoSidedNormalP } from './normal-distribution.js';
import { cholesky, choleskySolve, inverseDiagonal } from './symmetric-matrix.js';

/**
 * Binary logistic regression by exact maximum likelihood: iteratively reweighted least squares
 * (Newton–Raphson on the log-likelihood), the same estimator as R's `glm(family = binomial)`. Pure.
 *
 * Example: `fitLogistic({ names: ['wt', 'hp'], columns: [wt, hp], target: am })` on mtcars gives
 * (Intercept) 18.8663, wt −8.08348, hp 0.03626, logLik −5.0296, like R.
 */
export interface LogisticInput {
  /** Feature names, one per column (the intercept is added). */
  names: string[];
  /** Feature values, one Float64Array of length n per feature. */
  columns: Float64Array[];
  /** 0/1 outcome, length n. */
  target: Uint8Array;
}

export interface LogisticOptions {
  /** Relative change of the deviance under which the fit has converged (R's glm uses 1e-8). */
  tolerance?: number;
  maxIterations?: number;
}

export interface LogisticFit {
  /** '(Intercept)' then the feature names. */
  names: string[];
  coefficients: Float64Array;
  /** √diag((XᵀWX)⁻¹) at the estimate: the inverse observed (= expected) information. */
  standardErrors: Float64Array;
  zValues: Float64Array;
  pValues: Float64Array;
  logLik: number;
  deviance: number;
  nullDeviance: number;
  iterations: number;
  n: number;
  /** Fitted P(y = 1) per row. */
  probabilities: Float64Array;
}

/** |η| above which a fitted probability is numerically 0 or 1: the classes are (quasi-)separated. */
const SEPARATION_ETA = 30;

interface Evaluation {
  eta: Float64Array;
  deviance: number;
}

/** Design row i with the leading 1 of the intercept, written into `row`. */
function readRow(columns: Float64Array[], i: number, row: Float64Array): void {
  row[0] = 1;
  for (let j = 0; j < columns.length; j++) row[j + 1] = columns[j]![i]!;
}

/** log(1 + e^x) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

function evaluate(input: LogisticInput, beta: Float64Array): Evaluation {
  const n = input.target.length;
  const row = new Float64Array(beta.length);
  const eta = new Float64Array(n);
  let deviance = 0;
  for (let i = 0; i < n; i++) {
    readRow(input.columns, i, row);
    let value = 0;
    for (let j = 0; j < beta.length; j++) value += row[j]! * beta[j]!;
    eta[i] = value;
    // −2·log-likelihood of one Bernoulli observation: log p = −softplus(−η), log(1−p) = −softplus(η).
    deviance += 2 * (input.target[i] === 1 ? softplus(-value) : softplus(value));
  }
  return { eta, deviance };
}

/** Gradient Xᵀ(y − p) and information XᵀWX (W = p(1 − p)) at the linear predictor η. */
function scoreAndInformation(input: LogisticInput, eta: Float64Array): { gradient: Float64Array; information: Float64Array } {
  const p = input.columns.length + 1;
  const gradient = new Float64Array(p);
  const information = new Float64Array(p * p);
  const row = new Float64Array(p);
  for (let i = 0; i < eta.length; i++) {
    readRow(input.columns, i, row);
    const probability = 1 / (1 + Math.exp(-eta[i]!));
    const weight = probability * (1 - probability);
    const residual = input.target[i]! - probability;
    for (let a = 0; a < p; a++) {
      gradient[a]! += row[a]! * residual;
      const weighted = weight * row[a]!;
      for (let b = 0; b <= a; b++) information[a * p + b]! += weighted * row[b]!;
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) information[b * p + a] = information[a * p + b]!;
  return { gradient, information };
}

/** Refuses a design with a column that is constant or a linear combination of others (XᵀX singular). */
function checkDesign(input: LogisticInput, names: string[]): void {
  const gram = scoreAndInformation(input, new Float64Array(input.target.length)).information; // at η = 0, W = ¼: XᵀX/4
  const { collinearIndex } = cholesky(gram, names.length);
  if (collinearIndex === undefined) return;
  const what = collinearIndex === 0 ? 'the intercept' : `"${names[collinearIndex]}"`;
  throw new AnalysisInputError(`singular design: ${what} is constant or a linear combination of the other features; drop it or merge levels`, 'analysis.singular_design');
}

function checkData(input: LogisticInput): void {
  const n = input.target.length;
  if (n <= input.columns.length + 1) throw new AnalysisInputError(`too little data: ${n} rows for ${input.columns.length + 1} coefficients`, 'analysis.too_little_data');
  const positives = input.target.reduce((sum, y) => sum + y, 0);
  if (positives === 0 || positives === n) throw new AnalysisInputError(`the target has a single class (${positives} of ${n} rows are 1): a model needs both outcomes`, 'analysis.too_little_data');
}

function separationError(names: string[], beta: Float64Array): AnalysisInputError {
  const largest = [...beta.keys()].slice(1).sort((a, b) => Math.abs(beta[b]!) - Math.abs(beta[a]!))[0];
  const hint = largest === undefined ? '' : ` (largest coefficient: "${names[largest]}")`;
  return new AnalysisInputError(`perfect separation: the features predict the target exactly for some rows, so the maximum-likelihood coefficients are infinite${hint}; remove or coarsen that feature`, 'analysis.perfect_separation');
}

/** One Newton step with step halving when the deviance would increase. */
function newtonStep(input: LogisticInput, beta: Float64Array, current: Evaluation, names: string[]): { beta: Float64Array; evaluation: Evaluation } {
  const { gradient, information } = scoreAndInformation(input, current.eta);
  const { lower } = cholesky(information, beta.length);
  if (lower === undefined) throw separationError(names, beta);
  const step = choleskySolve(lower, beta.length, gradient);
  for (let scale = 1; scale > 1e-6; scale /= 2) {
    const next = beta.map((value, j) => value + scale * step[j]!);
    const evaluation = evaluate(input, next);
    if (evaluation.deviance <= current.deviance * (1 + 1e-12) + 1e-12) return { beta: next, evaluation };
  }
  return { beta, evaluation: current };
}

export function fitLogistic(input: LogisticInput, options: LogisticOptions = {}): LogisticFit {
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 50;
  const names = ['(Intercept)', ...input.names];
  checkData(input);
  checkDesign(input, names);
  let beta: Float64Array = new Float64Array(names.length);
  let evaluation = evaluate(input, beta);
  let iterations = 0;
  let converged = false;
  while (!converged && iterations < maxIterations) {
    iterations++;
    const previous = evaluation.deviance;
    ({ beta, evaluation } = newtonStep(input, beta, evaluation, names));
    converged = Math.abs(evaluation.deviance - previous) / (Math.abs(evaluation.deviance) + 0.1) < tolerance;
  }
  const extreme = evaluation.eta.some((value) => Math.abs(value) > SEPARATION_ETA);
  if (!converged || extreme) throw separationError(names, beta);
  return summarise(input, names, beta, evaluation, iterations);
}

function summarise(input: LogisticInput, names: string[], beta: Float64Array, evaluation: Evaluation, iterations: number): LogisticFit {
  const { information } = scoreAndInformation(input, evaluation.eta);
  const { lower } = cholesky(information, beta.length);
  if (lower === undefined) throw separationError(names, beta);
  const standardErrors = inverseDiagonal(lower, beta.length).map(Math.sqrt);
  const zValues = beta.map((value, j) => value / standardErrors[j]!);
  const n = input.target.length;
  const mean = input.target.reduce((sum, y) => sum + y, 0) / n;
  const nullDeviance = -2 * n * (mean * Math.log(mean) + (1 - mean) * Math.log(1 - mean));
  return {
    names,
    coefficients: beta,
    standardErrors,
    zValues,
    pValues: zValues.map(twoSidedNormalP),
    logLik: -evaluation.deviance / 2,
    deviance: evaluation.deviance,
    nullDeviance,
    iterations,
    n,
    probabilities: evaluation.eta.map((value) => 1 / (1 + Math.exp(-value))),
  };
}
