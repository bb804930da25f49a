/**
 * Nelder–Mead simplex minimisation with restarts, for smooth low-dimensional likelihoods (BG/NBD's
 * four parameters, Gamma-Gamma's three) optimised on log-parameters. Pure and deterministic.
 *
 * Why restarts: a simplex can collapse along a ridge and stop early; restarting from the best point
 * with a fresh simplex until a restart no longer improves the value is the usual cure.
 * Example: `minimizeNelderMead(([x, y]) => (x! - 1) ** 2 + (y! + 2) ** 2, [0, 0]).point ≈ [1, -2]`.
 */
export interface NelderMeadOptions {
  /** Initial simplex edge along each axis. */
  step?: number;
  /** Stop when the spread of values across the simplex is below this (absolute + relative). */
  tolerance?: number;
  maxEvaluations?: number;
  maxRestarts?: number;
}

export interface Minimum {
  point: number[];
  value: number;
  evaluations: number;
  converged: boolean;
}

type Objective = (point: number[]) => number;

interface Vertex {
  point: number[];
  value: number;
}

/** Minimise `objective` from `start`; non-finite values count as +Infinity (outside the domain). */
export function minimizeNelderMead(objective: Objective, start: number[], options: NelderMeadOptions = {}): Minimum {
  const { step = 0.5, tolerance = 1e-10, maxEvaluations = 20_000, maxRestarts = 10 } = options;
  let evaluations = 0;
  const evaluate: Objective = (point) => {
    evaluations++;
    const value = objective(point);
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  let best: Vertex = { point: start, value: evaluate(start) };
  let converged = false;
  for (let restart = 0; restart <= maxRestarts && evaluations < maxEvaluations; restart++) {
    const run = simplexSearch(evaluate, best.point, step / (restart + 1), tolerance, maxEvaluations - evaluations);
    const improvement = best.value - run.best.value;
    if (run.best.value <= best.value) best = run.best;
    if (run.converged && improvement <= tolerance * (1 + Math.abs(best.value))) {
      converged = true;
      break;
    }
  }
  return { point: best.point, value: best.value, evaluations, converged };
}

function simplexSearch(evaluate: Objective, start: number[], step: number, tolerance: number, budget: number) {
  const simplex: Vertex[] = [{ point: start, value: evaluate(start) }];
  for (let i = 0; i < start.length; i++) {
    const point = start.slice();
    point[i] = point[i]! + step;
    simplex.push({ point, value: evaluate(point) });
  }
  let used = simplex.length;
  while (used < budget) {
    simplex.sort((p, q) => p.value - q.value);
    const best = simplex[0]!;
    const worst = simplex[simplex.length - 1]!;
    if (Math.abs(worst.value - best.value) <= tolerance * (1 + Math.abs(best.value)) && Number.isFinite(worst.value)) {
      return { best, converged: true };
    }
    used += simplexStep(evaluate, simplex);
  }
  simplex.sort((p, q) => p.value - q.value);
  return { best: simplex[0]!, converged: false };
}

/** One reflect / expand / contract / shrink move on a sorted simplex; returns the evaluations used. */
function simplexStep(evaluate: Objective, simplex: Vertex[]): number {
  const n = simplex.length - 1;
  const worst = simplex[n]!;
  const centroid = worst.point.map((_, j) => simplex.slice(0, n).reduce((sum, v) => sum + v.point[j]!, 0) / n);
  const along = (t: number) => centroid.map((c, j) => c + t * (worst.point[j]! - c));
  const reflected = { point: along(-1), value: 0 };
  reflected.value = evaluate(reflected.point);
  if (reflected.value < simplex[0]!.value) {
    const expanded = { point: along(-2), value: 0 };
    expanded.value = evaluate(expanded.point);
    simplex[n] = expanded.value < reflected.value ? expanded : reflected;
    return 2;
  }
  if (reflected.value < simplex[n - 1]!.value) {
    simplex[n] = reflected;
    return 1;
  }
  const outside = reflected.value < worst.value;
  const contracted = { point: along(outside ? -0.5 : 0.5), value: 0 };
  contracted.value = evaluate(contracted.point);
  if (contracted.value < Math.min(worst.value, reflected.value)) {
    simplex[n] = contracted;
    return 2;
  }
  const best = simplex[0]!.point;
  for (let i = 1; i <= n; i++) {
    const point = simplex[i]!.point.map((x, j) => best[j]! + 0.5 * (x - best[j]!));
    simplex[i] = { point, value: evaluate(point) };
  }
  return 2 + n;
}
