/**
 * BFGS quasi-Newton minimisation with an Armijo backtracking line search, for smooth objectives with
 * an analytic gradient (BG/NBD on log-parameters). Pure and deterministic. Converges in a few dozen
 * iterations where Nelder–Mead needs hundreds of evaluations; callers fall back to Nelder–Mead when
 * `converged` is false.
 *
 * Example: `minimizeBfgs(([x]) => ({ value: (x! - 3) ** 2, gradient: [2 * (x! - 3)] }), [0]).point ≈ [3]`.
 */
export interface ValueAndGradient {
  value: number;
  gradient: number[];
}

export interface BfgsOptions {
  /** Converged when max |gradient| ≤ this · (1 + |value|). */
  gradientTolerance?: number;
  maxIterations?: number;
  /** Largest move of any coordinate in one iteration (a trust limit against wild first steps). */
  maxStep?: number;
}

export interface BfgsMinimum {
  point: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

export function minimizeBfgs(objective: (point: number[]) => ValueAndGradient, start: number[], options: BfgsOptions = {}): BfgsMinimum {
  const { gradientTolerance = 1e-9, maxIterations = 500, maxStep = Number.POSITIVE_INFINITY } = options;
  const n = start.length;
  let inverseHessian = identity(n);
  let point = start.slice();
  let current = objective(point);
  if (!isFiniteState(current)) return { point, value: Number.POSITIVE_INFINITY, iterations: 0, converged: false };
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (maxAbs(current.gradient) <= gradientTolerance * (1 + Math.abs(current.value))) return { point, value: current.value, iterations: iteration - 1, converged: true };
    let direction = multiply(inverseHessian, current.gradient).map((d) => -d);
    if (dot(direction, current.gradient) >= 0) {
      inverseHessian = identity(n); // not a descent direction: restart from steepest descent
      direction = current.gradient.map((g) => -g);
    }
    const step = lineSearch(objective, point, current, direction, maxStep);
    if (step === undefined) return { point, value: current.value, iterations: iteration, converged: false };
    const s = step.point.map((x, i) => x - point[i]!);
    const y = step.state.gradient.map((g, i) => g - current.gradient[i]!);
    inverseHessian = updatedInverse(inverseHessian, s, y);
    point = step.point;
    current = step.state;
  }
  return { point, value: current.value, iterations: maxIterations, converged: false };
}

/** Backtracking until the Armijo condition holds; undefined when no step decreases the objective. */
function lineSearch(objective: (point: number[]) => ValueAndGradient, point: number[], current: ValueAndGradient, direction: number[], maxStep: number) {
  const slope = dot(direction, current.gradient);
  for (let t = Math.min(1, maxStep / maxAbs(direction)), tries = 0; tries < 60; t *= 0.5, tries++) {
    const candidate = point.map((x, i) => x + t * direction[i]!);
    const state = objective(candidate);
    if (isFiniteState(state) && state.value <= current.value + 1e-4 * t * slope) return { point: candidate, state };
  }
  return undefined;
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, skipped when the curvature sᵀy is not positive. */
function updatedInverse(h: number[][], s: number[], y: number[]): number[][] {
  const sy = dot(s, y);
  if (!(sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y)))) return h;
  const rho = 1 / sy;
  const hy = multiply(h, y);
  const yhy = dot(y, hy);
  return h.map((row, i) => row.map((value, j) => value - rho * (hy[i]! * s[j]! + s[i]! * hy[j]!) + (rho * rho * yhy + rho) * s[i]! * s[j]!));
}

function isFiniteState(state: ValueAndGradient): boolean {
  return Number.isFinite(state.value) && state.gradient.every(Number.isFinite);
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

function multiply(matrix: number[][], vector: number[]): number[] {
  return matrix.map((row) => dot(row, vector));
}

function dot(p: number[], q: number[]): number {
  return p.reduce((sum, x, i) => sum + x * q[i]!, 0);
}

function maxAbs(values: number[]): number {
  return values.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
}
