import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rocAuc } from './auc.js';

/** The definition: over all (positive, negative) pairs, 1 when the positive scores higher, ½ on a tie. */
function pairwiseAuc(scores: number[], labels: number[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((s, i) => {
    if (labels[i] !== 1) return;
    scores.forEach((t, j) => {
      if (labels[j] !== 0) return;
      pairs++;
      wins += s > t ? 1 : s === t ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('rocAuc', () => {
  const cases: { name: string; scores: number[]; labels: number[]; expected: number }[] = [
    { name: 'perfect ranking', scores: [0.1, 0.2, 0.8, 0.9], labels: [0, 0, 1, 1], expected: 1 },
    { name: 'reversed ranking', scores: [0.9, 0.8, 0.2, 0.1], labels: [0, 0, 1, 1], expected: 0 },
    { name: 'all tied', scores: [0.5, 0.5, 0.5, 0.5], labels: [0, 1, 0, 1], expected: 0.5 },
    { name: 'one tie across classes', scores: [0.9, 0.4, 0.4, 0.1], labels: [1, 1, 0, 0], expected: 0.875 },
  ];
  for (const c of cases) it(c.name, () => expect(rocAuc(c.scores, c.labels)).toBeCloseTo(c.expected, 12));

  it('a single class is refused, not NaN', () => {
    expect(() => rocAuc([0.1, 0.2], [1, 1])).toThrow('single class');
  });

  it('equals the brute-force pairwise count, ties included (property)', () => {
    const point = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1 }));
    fc.assert(
      fc.property(fc.array(point, { minLength: 2, maxLength: 60 }), (points) => {
        const labels = points.map((p) => p[1]);
        fc.pre(labels.includes(0) && labels.includes(1));
        const scores = points.map((p) => p[0] / 6); // few distinct values: many ties
        expect(rocAuc(scores, labels)).toBeCloseTo(pairwiseAuc(scores, labels), 12);
      }),
      { numRuns: 300 },
    );
  });
});
