import { AnalysisInputError } from '../analysis-input.js';
import { normalLowerTail } from '../logistic/normal-distribution.js';
import { normalQuantile } from './normal-quantile.js';

/**
 * Power and sample size of a two-proportion test, as R's `power.prop.test` (default, non-strict):
 *   power = Φ( (√n·|p₁ − p₂| − z_{1−α/t} · √((p₁ + p₂)(1 − p̄))) / √(p₁q₁ + p₂q₂) ),  t = 2 two-sided,
 * and with `strict` the far rejection tail is added for the two-sided test. The sample size per arm
 * is the n at which power reaches the target, found by bisection to 1e-10 (R uses uniroot, which
 * stops at about 1e-4, so R prints 3840.847 where the root to 1e-10 is 3840.84748). Pure.
 * Example: p₁ .10, p₂ .12, power .8, α .05 → n ≈ 3840.847 per arm (3,841 visitors).
 */
export type Alternative = 'two.sided' | 'one.sided';

export interface PowerSetting {
  p1: number;
  p2: number;
  sigLevel?: number;
  alternative?: Alternative;
  strict?: boolean;
}

function check({ p1, p2, sigLevel = 0.05 }: PowerSetting): void {
  for (const [name, p] of [['p1', p1], ['p2', p2]] as const) {
    if (!(p > 0 && p < 1)) throw new AnalysisInputError(`${name} must be a proportion strictly between 0 and 1, got ${p}`);
  }
  if (p1 === p2) throw new AnalysisInputError('p1 and p2 must differ: there is no effect to detect');
  if (!(sigLevel > 0 && sigLevel < 1)) throw new AnalysisInputError(`the significance level must be in (0, 1), got ${sigLevel}`);
}

/** Power of the test with n visitors per arm. */
export function proportionPower(setting: PowerSetting, n: number): number {
  check(setting);
  const { p1, p2, sigLevel = 0.05, alternative = 'two.sided', strict = false } = setting;
  const sides = alternative === 'two.sided' ? 2 : 1;
  const critical = normalQuantile(1 - sigLevel / sides);
  const spread = Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  const nullSpread = Math.sqrt((p1 + p2) * (1 - (p1 + p2) / 2));
  const shift = Math.sqrt(n) * Math.abs(p1 - p2);
  const power = normalLowerTail((shift - critical * nullSpread) / spread);
  return strict && sides === 2 ? power + normalLowerTail(-(shift + critical * nullSpread) / spread) : power;
}

/** Visitors per arm (not rounded) for the target power. */
export function proportionSampleSize(setting: PowerSetting, power = 0.8): number {
  check(setting);
  if (!(power > 0 && power < 1)) throw new AnalysisInputError(`power must be in (0, 1), got ${power}`);
  let low = 2;
  let high = 1e12;
  if (proportionPower(setting, low) >= power) return low;
  while (high - low > 1e-10 * high) {
    const middle = (low + high) / 2;
    if (proportionPower(setting, middle) < power) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
