import type { KMeansResult } from './kmeans.js';

/**
 * What a clustering looks like to a person: clusters numbered by size (0 = largest), their sizes,
 * centroids in the features' original units (the mean of the raw values of the members) and in
 * z-scores (the scaled space k-means ran in, which the describer reads). Pure.
 */
export interface ClusterSummary {
  /** Cluster of each row after renumbering. */
  labels: Int32Array;
  sizes: number[];
  /** Per cluster: feature → mean raw value of its members. */
  centroids: Record<string, number>[];
  /** Per cluster: feature → centroid coordinate in z-scores. */
  zCentroids: Record<string, number>[];
}

export function summariseClusters(result: KMeansResult, names: readonly string[], rawColumns: readonly Float64Array[]): ClusterSummary {
  const { k, labels } = result;
  const d = names.length;
  const counts = new Array<number>(k).fill(0);
  for (const label of labels) counts[label]!++;
  const order = counts.map((_, c) => c).sort((a, b) => counts[b]! - counts[a]! || a - b);
  const renumber = new Int32Array(k);
  order.forEach((old, position) => {
    renumber[old] = position;
  });
  const renumbered = labels.map((label) => renumber[label]!);
  const sums = Array.from({ length: k }, () => new Float64Array(d));
  renumbered.forEach((c, i) => {
    for (let j = 0; j < d; j++) sums[c]![j]! += rawColumns[j]![i]!;
  });
  const sizes = order.map((old) => counts[old]!);
  return {
    labels: renumbered,
    sizes,
    centroids: sums.map((sum, c) => Object.fromEntries(names.map((name, j) => [name, sum[j]! / sizes[c]!]))),
    zCentroids: order.map((old) => Object.fromEntries(names.map((name, j) => [name, result.centroids[old * d + j]!]))),
  };
}
