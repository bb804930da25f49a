import { AnalysisInputError } from '../analysis-input.js';
import { chiSquareUpperTail } from './chi-square-distribution.js';
import { normalQuantile } from './normal-quantile.js';

/**
 * Tests of equal conversion rates, as R's `prop.test`. Pure.
 *  - k groups: Pearson chi-square on the k×2 table (converted / not), df = k − 1; with exactly two
 *    groups a continuity (Yates) correction of min(½, |p₁ − p₂| / (1/n₁ + 1/n₂)) may be applied, as R.
 *  - two groups: the chi-square equals the square of the pooled two-proportion z statistic; the
 *    interval for the difference is R's Wald interval z·√(Σ p(1−p)/n), widened by the correction.
 * Example (R): 200/1000 vs 250/1000 → χ² 7.168459, p 0.007419649; corrected χ² 6.884588, p 0.008694.
 */
export interface VariantCounts {
  name: string;
  visitors: number;
  conversions: number;
}

export interface ChiSquareResult {
  statistic: number;
  degreesOfFreedom: number;
  pValue: number;
}

export interface TwoProportionComparison {
  control: string;
  variant: string;
  controlRate: number;
  variantRate: number;
  /** variantRate − controlRate. */
  difference: number;
  /** difference / controlRate (null when the control never converted). */
  relativeLift: number | null;
  /** Pooled z statistic, positive when the variant converts more. */
  z: number;
  chiSquare: ChiSquareResult;
  chiSquareCorrected: ChiSquareResult;
  /** Interval for `difference` without and with the continuity correction. */
  interval: { level: number; lower: number; upper: number; lowerCorrected: number; upperCorrected: number };
}

export function checkVariant(v: VariantCounts): void {
  if (!Number.isInteger(v.visitors) || !Number.isInteger(v.conversions) || v.visitors <= 0 || v.conversions < 0 || v.conversions > v.visitors) {
    throw new AnalysisInputError(`variant "${v.name}": visitors must be a positive integer and conversions an integer between 0 and visitors, got ${v.conversions}/${v.visitors}`);
  }
}

/** Pearson chi-square of homogeneity; `correction` applies only to two groups (as R). */
export function chiSquareTest(variants: readonly VariantCounts[], correction = false): ChiSquareResult {
  if (variants.length < 2) throw new AnalysisInputError('too little data: comparing conversion rates needs at least two variants');
  variants.forEach(checkVariant);
  const visitors = variants.reduce((s, v) => s + v.visitors, 0);
  const pooled = variants.reduce((s, v) => s + v.conversions, 0) / visitors;
  if (pooled === 0 || pooled === 1) return { statistic: 0, degreesOfFreedom: variants.length - 1, pValue: 1 };
  let yates = 0;
  if (correction && variants.length === 2) {
    const [a, b] = variants as [VariantCounts, VariantCounts];
    yates = Math.min(0.5, Math.abs(a.conversions / a.visitors - b.conversions / b.visitors) / (1 / a.visitors + 1 / b.visitors));
  }
  let statistic = 0;
  for (const v of variants) {
    for (const [observed, expected] of [
      [v.conversions, v.visitors * pooled],
      [v.visitors - v.conversions, v.visitors * (1 - pooled)],
    ] as const) {
      statistic += (Math.abs(observed - expected) - yates) ** 2 / expected;
    }
  }
  return { statistic, degreesOfFreedom: variants.length - 1, pValue: chiSquareUpperTail(statistic, variants.length - 1) };
}

export function compareProportions(control: VariantCounts, variant: VariantCounts, level = 0.95): TwoProportionComparison {
  const plain = chiSquareTest([control, variant]);
  const corrected = chiSquareTest([control, variant], true);
  const controlRate = control.conversions / control.visitors;
  const variantRate = variant.conversions / variant.visitors;
  const difference = variantRate - controlRate;
  const inverseSum = 1 / control.visitors + 1 / variant.visitors;
  const yates = Math.min(0.5, Math.abs(difference) / inverseSum);
  const half = normalQuantile((1 + level) / 2) * Math.sqrt((controlRate * (1 - controlRate)) / control.visitors + (variantRate * (1 - variantRate)) / variant.visitors);
  const clamp = (x: number) => Math.max(-1, Math.min(1, x));
  return {
    control: control.name,
    variant: variant.name,
    controlRate,
    variantRate,
    difference,
    relativeLift: controlRate > 0 ? difference / controlRate : null,
    z: Math.sign(difference) * Math.sqrt(plain.statistic),
    chiSquare: plain,
    chiSquareCorrected: corrected,
    interval: {
      level,
      lower: clamp(difference - half),
      upper: clamp(difference + half),
      lowerCorrected: clamp(difference - half - yates * inverseSum),
      upperCorrected: clamp(difference + half + yates * inverseSum),
    },
  };
}
