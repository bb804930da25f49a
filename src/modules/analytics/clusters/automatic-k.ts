import { AnalysisInputError } from '../analysis-input.js';
import { assignPoints, type KMeansResult, kMeans, lloyd, type PointSet } from './kmeans.js';
import { type RandomSource, sampleIndexes, seededRandom } from './seeded-random.js';
import { type PairwiseDistances, pairwiseDistances, silhouetteWidth } from './silhouette.js';

/**
 * k-means with k chosen in a range by the mean silhouette width (highest wins, the smaller k on a
 * tie). Scales to millions of rows: the restarts for every candidate k run on a seeded sample of
 * `searchSampleSize` points, the silhouette on a seeded sample of `silhouetteSampleSize` points, and
 * the winner is refined by Lloyd iterations on all points from the sample's best centroids. When the
 * data fit in the search sample, the search runs on all of it. A k that would leave a cluster empty
 * (fewer distinct points than k) is skipped. Reproducible for a given seed. Pure.
 *
 * Example: `clusterAutomatically(scaled, { kMin: 4, kMax: 10, seed: 42 })`.
 */
export interface AutomaticKOptions {
  kMin: number;
  kMax: number;
  seed: number;
  restarts?: number;
  maxIterations?: number;
  searchSampleSize?: number;
  silhouetteSampleSize?: number;
}

export interface CandidateK {
  k: number;
  silhouette: number;
  /** Within-cluster sum of squares on the search sample. */
  inertia: number;
}

export interface AutomaticKResult extends KMeansResult {
  silhouette: number;
  candidates: CandidateK[];
}

function subset(set: PointSet, indexes: Int32Array): PointSet {
  const points = new Float64Array(indexes.length * set.d);
  for (const [row, i] of indexes.entries()) points.set(set.points.subarray(i * set.d, (i + 1) * set.d), row * set.d);
  return { points, n: indexes.length, d: set.d };
}

/** Silhouette of `centroids` on the sample: sampled points labelled by their nearest centroid. */
function silhouetteOf(sample: PointSet, distances: PairwiseDistances, centroids: Float64Array, k: number): number {
  const labels = new Int32Array(sample.n).fill(-1);
  assignPoints(sample, centroids, k, labels, new Float64Array(sample.n));
  return silhouetteWidth(distances, labels, k);
}

function checkRange(set: PointSet, options: AutomaticKOptions): void {
  const { kMin, kMax } = options;
  if (!Number.isInteger(kMin) || !Number.isInteger(kMax) || kMin < 2 || kMax < kMin) throw new AnalysisInputError(`the k range must be whole numbers 2 ≤ min ≤ max, got ${kMin}–${kMax}`);
  if (set.n <= kMin) throw new AnalysisInputError(`too little data: ${set.n} rows for at least ${kMin} clusters (need more rows than clusters)`, 'analysis.too_little_data');
}

/** How many of the k clusters have no point (k above the number of distinct points). */
function emptyClusters(labels: Int32Array, k: number): number {
  const used = new Uint8Array(k);
  for (const label of labels) used[label] = 1;
  return k - used.reduce((sum, flag) => sum + flag, 0);
}

function tooFewDistinct(k: number): AnalysisInputError {
  return new AnalysisInputError(`too little data: fewer distinct points than ${k} clusters (many identical rows)`, 'analysis.too_little_data');
}

interface Search {
  best: KMeansResult;
  candidates: CandidateK[];
}

/** Restarts for each k on the search set; a k that leaves a cluster empty is skipped. */
function searchK(search: PointSet, silhouetteSample: PointSet, distances: PairwiseDistances, options: AutomaticKOptions, kMax: number, random: RandomSource): Search {
  const candidates: CandidateK[] = [];
  let best: KMeansResult | undefined;
  let bestSilhouette = Number.NEGATIVE_INFINITY;
  for (let k = options.kMin; k <= kMax; k++) {
    const result = kMeans(search, { k, restarts: options.restarts, maxIterations: options.maxIterations }, random);
    if (emptyClusters(result.labels, k) > 0) continue;
    const silhouette = silhouetteOf(silhouetteSample, distances, result.centroids, k);
    candidates.push({ k, silhouette, inertia: result.inertia });
    if (silhouette > bestSilhouette) {
      best = result;
      bestSilhouette = silhouette;
    }
  }
  if (best === undefined) throw tooFewDistinct(options.kMin);
  return { best, candidates };
}

export function clusterAutomatically(set: PointSet, options: AutomaticKOptions): AutomaticKResult {
  checkRange(set, options);
  const random: RandomSource = seededRandom(options.seed);
  const searchSize = options.searchSampleSize ?? 20_000;
  const search = set.n > searchSize ? subset(set, sampleIndexes(set.n, searchSize, random)) : set;
  const silhouetteSample = subset(set, sampleIndexes(set.n, options.silhouetteSampleSize ?? 5_000, random));
  const distances = pairwiseDistances(silhouetteSample);
  const { best, candidates } = searchK(search, silhouetteSample, distances, options, Math.min(options.kMax, set.n - 1), random);
  const chosen = search === set ? best : lloyd(set, best.centroids.slice(), best.k, options.maxIterations ?? 100);
  if (emptyClusters(chosen.labels, chosen.k) > 0) throw tooFewDistinct(chosen.k);
  return { ...chosen, silhouette: silhouetteOf(silhouetteSample, distances, chosen.centroids, chosen.k), candidates };
}
