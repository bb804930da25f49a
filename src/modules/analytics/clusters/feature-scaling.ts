import { AnalysisInputError } from '../analysis-input.js';

/**
 * Puts features on one scale before k-means, so a feature in yuan does not drown one in days:
 * optional log1p (for skewed recency, frequency and monetary values), then z-scores. The result is
 * row-major (point i, feature j at i·d + j), the layout the distance loops read fastest. Pure.
 *
 * Example: monetary [0, 9, 99] with log → [0, 2.303, 4.605] → z-scores [−1, 0, 1].
 */
export interface ScaledPoints {
  /** Row-major n × d. */
  points: Float64Array;
  n: number;
  d: number;
  means: Float64Array;
  /** Standard deviations (population); 1 for a constant feature, which then scales to all zeros. */
  deviations: Float64Array;
}

export function scaleFeatures(columns: readonly Float64Array[], names: readonly string[], logged: readonly boolean[]): ScaledPoints {
  const d = columns.length;
  const n = columns[0]?.length ?? 0;
  const points = new Float64Array(n * d);
  const means = new Float64Array(d);
  const deviations = new Float64Array(d);
  columns.forEach((column, j) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const raw = column[i]!;
      if (logged[j] && !(raw > -1)) throw new AnalysisInputError(`feature "${names[j]}" has the value ${raw}: log1p needs values above −1; drop it from --log`);
      const value = logged[j] ? Math.log1p(raw) : raw;
      points[i * d + j] = value;
      sum += value;
    }
    const mean = n === 0 ? 0 : sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += (points[i * d + j]! - mean) ** 2;
    const deviation = n === 0 ? 0 : Math.sqrt(squares / n);
    means[j] = mean;
    deviations[j] = deviation > 1e-12 * (Math.abs(mean) + 1) ? deviation : 1;
    for (let i = 0; i < n; i++) points[i * d + j] = (points[i * d + j]! - mean) / deviations[j]!;
  });
  return { points, n, d, means, deviations };
}
