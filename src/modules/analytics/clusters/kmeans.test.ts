import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalysisInputError } from '../analysis-input.js';
import { clusterAutomatically } from './automatic-k.js';
import { gaussianBlobs } from './blob-fixture.js';
import { scaleFeatures } from './feature-scaling.js';
import { kMeans, type PointSet } from './kmeans.js';
import { seededRandom } from './seeded-random.js';
import { pairwiseDistances, silhouetteWidth } from './silhouette.js';

const CENTRES = [
  [0, 0, 0],
  [10, 0, 0],
  [0, 10, 0],
  [0, 0, 10],
  [10, 10, 10],
];

function blobs(perBlob = 200, seed = 7) {
  const { columns, truth } = gaussianBlobs(CENTRES, perBlob, 0.6, seed);
  return { set: scaleFeatures(columns, ['x', 'y', 'z'], [false, false, false]), truth };
}

/** True when the labels are the truth up to a renaming of the clusters (a bijection). */
function samePartition(labels: Int32Array, truth: Int32Array): boolean {
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  return truth.every((t, i) => {
    const l = labels[i]!;
    if ((forward.get(t) ?? l) !== l || (backward.get(l) ?? t) !== t) return false;
    forward.set(t, l);
    backward.set(l, t);
    return true;
  });
}

function nearestIndex(set: PointSet, centroids: Float64Array, k: number, i: number): number[] {
  const distances = Array.from({ length: k }, (_, c) => {
    let sum = 0;
    for (let j = 0; j < set.d; j++) sum += (set.points[i * set.d + j]! - centroids[c * set.d + j]!) ** 2;
    return sum;
  });
  const min = Math.min(...distances);
  return distances.flatMap((distance, c) => (distance === min ? [c] : []));
}

describe('clusterAutomatically on well-separated Gaussian blobs', () => {
  const { set, truth } = blobs();
  it('finds the true k by silhouette and recovers the blobs up to permutation', () => {
    const result = clusterAutomatically(set, { kMin: 2, kMax: 8, seed: 1 });
    expect(result.k).toBe(5);
    expect(samePartition(result.labels, truth)).toBe(true);
    expect(result.silhouette).toBeGreaterThan(0.8);
    expect(result.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });
  it('large-data path: search on a sample, refine on all points', () => {
    const result = clusterAutomatically(set, { kMin: 3, kMax: 7, seed: 3, searchSampleSize: 150, silhouetteSampleSize: 200 });
    expect(result.k).toBe(5);
    expect(result.labels).toHaveLength(1000);
    expect(samePartition(result.labels, truth)).toBe(true);
  });
  it('same seed, same result', () => {
    const options = { kMin: 4, kMax: 6, seed: 99, searchSampleSize: 400 };
    const first = clusterAutomatically(set, options);
    const second = clusterAutomatically(set, options);
    expect(second.labels).toEqual(first.labels);
    expect(second.centroids).toEqual(first.centroids);
    expect(second.silhouette).toBe(first.silhouette);
  });
  it('a fixed k (range of one) is honoured', () => {
    expect(clusterAutomatically(set, { kMin: 3, kMax: 3, seed: 1 }).k).toBe(3);
  });
});

describe('refusals', () => {
  const tiny: PointSet = { points: Float64Array.from([0, 1, 2]), n: 3, d: 1 };
  it('fewer rows than clusters', () => {
    expect(() => clusterAutomatically(tiny, { kMin: 4, kMax: 10, seed: 1 })).toThrow(AnalysisInputError);
    expect(() => kMeans(tiny, { k: 4 }, seededRandom(1))).toThrow('too little data: 3 rows for 4 clusters');
  });
  it('identical rows: no k can be used', () => {
    const same: PointSet = { points: new Float64Array(20), n: 20, d: 1 };
    expect(() => clusterAutomatically(same, { kMin: 2, kMax: 4, seed: 1 })).toThrow('fewer distinct points than 2 clusters');
  });
  it('three distinct values: k above 3 is skipped, never NaN', () => {
    const three: PointSet = { points: Float64Array.from({ length: 30 }, (_, i) => i % 3), n: 30, d: 1 };
    const result = clusterAutomatically(three, { kMin: 2, kMax: 6, seed: 1 });
    expect(result.k).toBe(3);
    expect(result.candidates.map((c) => c.k)).toEqual([2, 3]);
    expect(result.silhouette).toBe(1);
  });
  it('a bad k range', () => {
    expect(() => clusterAutomatically(tiny, { kMin: 1, kMax: 2, seed: 1 })).toThrow('k range');
  });
});

describe('silhouetteWidth', () => {
  it('matches the definition on a hand-computed case', () => {
    // 1-D: cluster 0 = {0, 1}, cluster 1 = {10, 12}. s(0) = (11 − 1)/11, s(1) = (10 − 1)/10, s(10) = (9.5 − 2)/9.5, s(12) = (11.5 − 2)/11.5.
    const set: PointSet = { points: Float64Array.from([0, 1, 10, 12]), n: 4, d: 1 };
    const expected = (10 / 11 + 9 / 10 + 7.5 / 9.5 + 9.5 / 11.5) / 4;
    expect(silhouetteWidth(pairwiseDistances(set), Int32Array.from([0, 0, 1, 1]), 2)).toBeCloseTo(expected, 6);
  });
  it('a single cluster has silhouette 0, not NaN', () => {
    const set: PointSet = { points: Float64Array.from([0, 1, 2]), n: 3, d: 1 };
    expect(silhouetteWidth(pairwiseDistances(set), Int32Array.from([0, 0, 0]), 2)).toBe(0);
  });
});

describe('kMeans (properties)', () => {
  const points = fc.array(fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 })), { minLength: 6, maxLength: 80 });
  it('every point is assigned to a nearest centroid, and each centroid is the mean of its points', () => {
    fc.assert(
      fc.property(points, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 1000 }), (pairs, k, seed) => {
        const set: PointSet = { points: Float64Array.from(pairs.flat()), n: pairs.length, d: 2 };
        const result = kMeans(set, { k, restarts: 3, maxIterations: 1000, tolerance: 0 }, seededRandom(seed));
        for (let i = 0; i < set.n; i++) expect(nearestIndex(set, result.centroids, k, i)).toContain(result.labels[i]);
        for (let c = 0; c < k; c++) {
          const members = pairs.filter((_, i) => result.labels[i] === c);
          if (members.length === 0) continue;
          expect(result.centroids[c * 2]).toBeCloseTo(members.reduce((s, p) => s + p[0], 0) / members.length, 9);
        }
      }),
      { numRuns: 200 },
    );
  });
  it('same seed, same clustering', () => {
    fc.assert(
      fc.property(points, fc.integer({ min: 1, max: 4 }), fc.integer(), (pairs, k, seed) => {
        const set: PointSet = { points: Float64Array.from(pairs.flat()), n: pairs.length, d: 2 };
        expect(kMeans(set, { k }, seededRandom(seed)).labels).toEqual(kMeans(set, { k }, seededRandom(seed)).labels);
      }),
      { numRuns: 50 },
    );
  });
});
