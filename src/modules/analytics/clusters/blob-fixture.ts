import { normalDraw, seededRandom } from './seeded-random.js';

/**
 * Test and benchmark data: `perBlob` Gaussian points (standard deviation `spread`) around each of
 * `centres`, in columns, with the blob each point came from. Deterministic for a seed.
 */
export function gaussianBlobs(centres: readonly number[][], perBlob: number, spread: number, seed: number): { columns: Float64Array[]; truth: Int32Array } {
  const random = seededRandom(seed);
  const d = centres[0]?.length ?? 0;
  const n = centres.length * perBlob;
  const columns = Array.from({ length: d }, () => new Float64Array(n));
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const blob = i % centres.length;
    truth[i] = blob;
    for (let j = 0; j < d; j++) columns[j]![i] = centres[blob]![j]! + spread * normalDraw(random);
  }
  return { columns, truth };
}
