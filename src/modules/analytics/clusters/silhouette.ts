import type { PointSet } from './kmeans.js';

/**
 * Mean silhouette width of a clustering, computed on a sample of points (as scikit-learn's
 * `silhouette_score(sample_size=…)`): s(i) = (b − a) / max(a, b) with a the mean distance to the
 * other sampled members of its cluster and b the smallest mean distance to another cluster's
 * sampled members; s(i) = 0 when i is alone in its cluster. Returns 0 when the sample holds a
 * single cluster. The m(m−1)/2 pairwise distances of the sample are computed once (Float32, 50 MB
 * for m = 5,000) and reused for every candidate k, so 1M rows cost no more than 5,000. Pure.
 *
 * Example: `pairwiseDistances(sample)` then `silhouetteWidth(distances, labels, k)` per labelling.
 */
export interface PairwiseDistances {
  m: number;
  /** Upper triangle row by row: pairs (a, b) with a < b. */
  values: Float32Array;
}

export function pairwiseDistances(set: PointSet): PairwiseDistances {
  const { points, n: m, d } = set;
  const values = new Float32Array((m * (m - 1)) / 2);
  let index = 0;
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      let squared = 0;
      for (let j = 0; j < d; j++) {
        const diff = points[a * d + j]! - points[b * d + j]!;
        squared += diff * diff;
      }
      values[index++] = Math.sqrt(squared);
    }
  }
  return { m, values };
}

/** Mean silhouette of the sampled points with `labels` (one per sampled point, 0..k−1). */
export function silhouetteWidth(distances: PairwiseDistances, labels: Int32Array, k: number): number {
  const { m, values } = distances;
  const sums = new Float64Array(m * k); // sums[a·k + c]: distance from point a to the members of c
  const counts = new Float64Array(k);
  let index = 0;
  for (let a = 0; a < m; a++) {
    const labelA = labels[a]!;
    counts[labelA]!++;
    for (let b = a + 1; b < m; b++) {
      const distance = values[index++]!;
      sums[a * k + labels[b]!]! += distance;
      sums[b * k + labelA]! += distance;
    }
  }
  if (counts.filter((count) => count > 0).length < 2) return 0;
  let total = 0;
  for (let a = 0; a < m; a++) total += pointSilhouette(sums, counts, a, labels[a]!, k);
  return total / m;
}

function pointSilhouette(sums: Float64Array, counts: Float64Array, a: number, own: number, k: number): number {
  if (counts[own]! <= 1) return 0;
  const within = sums[a * k + own]! / (counts[own]! - 1);
  let between = Number.POSITIVE_INFINITY;
  for (let c = 0; c < k; c++) {
    if (c !== own && counts[c]! > 0) between = Math.min(between, sums[a * k + c]! / counts[c]!);
  }
  const scale = Math.max(within, between);
  return scale === 0 ? 0 : (between - within) / scale;
}
