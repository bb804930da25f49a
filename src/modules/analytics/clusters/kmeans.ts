import { AnalysisInputError } from '../analysis-input.js';
import type { RandomSource } from './seeded-random.js';

/**
 * k-means on row-major points (n × d Float64Array): k-means++ seeding, Lloyd iterations, the best
 * of several restarts by within-cluster sum of squares (inertia). Deterministic for a given random
 * source. Pure.
 *
 * Every run ends with an assignment step, so each label is the nearest centroid (lowest index on a
 * tie) of the returned centroids.
 *
 * Example: `kMeans({ points, n, d }, { k: 5, restarts: 10 }, seededRandom(42))`.
 */
export interface PointSet {
  points: Float64Array;
  n: number;
  d: number;
}

export interface KMeansOptions {
  k: number;
  restarts?: number;
  maxIterations?: number;
  /**
   * Stop when the centroids' total squared shift in one iteration is at most tolerance × d (on
   * z-scored data, d is the total variance; scikit-learn's default is 1e-4 of it).
   */
  tolerance?: number;
}

export interface KMeansResult {
  k: number;
  /** Row-major k × d. */
  centroids: Float64Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
}

function squaredDistance(points: Float64Array, i: number, centroids: Float64Array, c: number, d: number): number {
  let sum = 0;
  for (let j = 0; j < d; j++) {
    const diff = points[i * d + j]! - centroids[c * d + j]!;
    sum += diff * diff;
  }
  return sum;
}

/** k-means++: the first centre uniformly, each next one with probability ∝ squared distance to the nearest centre. */
export function seedCentroids(set: PointSet, k: number, random: RandomSource): Float64Array {
  const { points, n, d } = set;
  const centroids = new Float64Array(k * d);
  const nearest = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  let chosen = Math.floor(random() * n);
  for (let c = 0; c < k; c++) {
    centroids.set(points.subarray(chosen * d, chosen * d + d), c * d);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const distance = squaredDistance(points, i, centroids, c, d);
      if (distance < nearest[i]!) nearest[i] = distance;
      total += nearest[i]!;
    }
    let target = random() * total;
    chosen = n - 1;
    for (let i = 0; i < n; i++) {
      target -= nearest[i]!;
      if (target < 0) {
        chosen = i;
        break;
      }
    }
  }
  return centroids;
}

/** Assigns every point to its nearest centroid; returns how many labels changed and the inertia. */
export function assignPoints(set: PointSet, centroids: Float64Array, k: number, labels: Int32Array, distances: Float64Array): { changed: number; inertia: number } {
  const { points, n, d } = set;
  let changed = 0;
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    let best = 0;
    let bestDistance = squaredDistance(points, i, centroids, 0, d);
    for (let c = 1; c < k; c++) {
      // Partial distance: stop summing once this centroid cannot beat the best one.
      let distance = 0;
      for (let j = 0; j < d && distance < bestDistance; j++) {
        const diff = points[base + j]! - centroids[c * d + j]!;
        distance += diff * diff;
      }
      if (distance < bestDistance) {
        bestDistance = distance;
        best = c;
      }
    }
    if (labels[i] !== best) changed++;
    labels[i] = best;
    distances[i] = bestDistance;
    inertia += bestDistance;
  }
  return { changed, inertia };
}

function farthestPoint(distances: Float64Array): number {
  let far = 0;
  for (let i = 1; i < distances.length; i++) if (distances[i]! > distances[far]!) far = i;
  return far;
}

/** Centroids = means of their points; an empty cluster takes the point farthest from its centroid. Returns the squared shift. */
function updateCentroids(set: PointSet, centroids: Float64Array, k: number, labels: Int32Array, distances: Float64Array): number {
  const { points, n, d } = set;
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    counts[c]!++;
    for (let j = 0; j < d; j++) sums[c * d + j]! += points[i * d + j]!;
  }
  let shift = 0;
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) {
      const far = farthestPoint(distances);
      distances[far] = 0;
      for (let j = 0; j < d; j++) sums[c * d + j] = points[far * d + j]!;
      counts[c] = 1;
    }
    for (let j = 0; j < d; j++) {
      const next = sums[c * d + j]! / counts[c]!;
      shift += (next - centroids[c * d + j]!) ** 2;
      centroids[c * d + j] = next;
    }
  }
  return shift;
}

/** Lloyd iterations from the given centroids (modified in place). */
export function lloyd(set: PointSet, centroids: Float64Array, k: number, maxIterations = 100, tolerance = 1e-4): KMeansResult {
  const labels = new Int32Array(set.n).fill(-1);
  const distances = new Float64Array(set.n);
  let iterations = 0;
  let { inertia } = assignPoints(set, centroids, k, labels, distances);
  while (iterations < maxIterations) {
    iterations++;
    const shift = updateCentroids(set, centroids, k, labels, distances);
    const step = assignPoints(set, centroids, k, labels, distances);
    inertia = step.inertia;
    if (step.changed === 0 || shift <= tolerance * set.d) break;
  }
  return { k, centroids, labels, inertia, iterations };
}

export function kMeans(set: PointSet, options: KMeansOptions, random: RandomSource): KMeansResult {
  const { k } = options;
  if (!Number.isInteger(k) || k < 1) throw new AnalysisInputError(`k must be a whole number ≥ 1, got ${k}`);
  if (set.n < k) throw new AnalysisInputError(`too little data: ${set.n} rows for ${k} clusters`, 'analysis.too_little_data');
  let best: KMeansResult | undefined;
  for (let run = 0; run < (options.restarts ?? 10); run++) {
    const result = lloyd(set, seedCentroids(set, k, random), k, options.maxIterations, options.tolerance);
    if (best === undefined || result.inertia < best.inertia) best = result;
  }
  return best!;
}
