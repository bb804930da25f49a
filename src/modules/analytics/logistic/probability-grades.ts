/**
 * A/B/C/D grades from a fitted model's predicted probabilities, cut at their quartiles (R's
 * `quantile()` type 7): A ≥ 75th percentile, B ≥ median, C ≥ 25th percentile, D below. A value on a
 * cut-off takes the higher grade, so about a quarter of the rows fall in each grade (ties aside). Pure.
 *
 * Example: probabilities 0.1, 0.2, 0.3, 0.4, 0.5 → cut-offs A 0.4, B 0.3, C 0.2; 0.4 is an A.
 */
export type Grade = 'A' | 'B' | 'C' | 'D';

export interface GradeCutoffs {
  A: number;
  B: number;
  C: number;
}

/** Quantile of sorted values by linear interpolation between order statistics (type 7). */
export function quantileType7(sorted: ArrayLike<number>, probability: number): number {
  const position = (sorted.length - 1) * probability;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}

export function quartileCutoffs(probabilities: ArrayLike<number>): GradeCutoffs {
  const sorted = Float64Array.from(probabilities).sort();
  return { A: quantileType7(sorted, 0.75), B: quantileType7(sorted, 0.5), C: quantileType7(sorted, 0.25) };
}

export function gradeOf(probability: number, cutoffs: GradeCutoffs): Grade {
  if (probability >= cutoffs.A) return 'A';
  if (probability >= cutoffs.B) return 'B';
  if (probability >= cutoffs.C) return 'C';
  return 'D';
}
