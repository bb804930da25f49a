import { minimizeNelderMead } from './nelder-mead.js';
import { minimizeBfgs } from './quasi-newton.js';

/**
 * Maximum likelihood over positive parameters, shared by the BG/NBD and Gamma-Gamma fits. Works on
 * log-parameters (positivity for free, better conditioning): BFGS with the analytic gradient, moves
 * of at most a factor e per iteration; if it does not converge, Nelder–Mead with restarts from where
 * it stopped. Pure.
 */
export interface LikelihoodMaximum {
  params: number[];
  logLik: number;
  converged: boolean;
}

type LogLikelihood = (params: number[]) => { value: number; gradient: number[] };

/** Beyond e^±30 the models are degenerate and only rounding differs: outside the domain. */
const LOG_BOUND = 30;

export function maximizeLikelihood(logLikelihood: LogLikelihood, start: number[]): LikelihoodMaximum {
  const outside = (p: number[]) => p.some((value) => !(Math.abs(value) <= LOG_BOUND));
  const negative = (p: number[]) => {
    if (outside(p)) return { value: Number.POSITIVE_INFINITY, gradient: p.map(() => 0) };
    const params = p.map(Math.exp);
    const { value, gradient } = logLikelihood(params);
    // Chain rule for θ = e^p: ∂/∂p = θ ∂/∂θ.
    return { value: -value, gradient: gradient.map((g, i) => -g * params[i]!) };
  };
  const logStart = start.map(Math.log);
  const quasiNewton = minimizeBfgs(negative, logStart, { maxStep: 1 });
  if (quasiNewton.converged) return { params: quasiNewton.point.map(Math.exp), logLik: -quasiNewton.value, converged: true };
  const from = Number.isFinite(quasiNewton.value) ? quasiNewton.point : logStart;
  const simplex = minimizeNelderMead((p) => negative(p).value, from, { tolerance: 1e-12 });
  return { params: simplex.point.map(Math.exp), logLik: -simplex.value, converged: simplex.converged };
}
