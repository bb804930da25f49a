import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParetoCount, Random, WeightedTable } from './demo-random.js';

describe('Random', () => {
  it('repeats its sequence for the same seed and keys, and differs across keys', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.nat(), (seed, key) => {
        const a = new Random(seed, 1, key);
        const b = new Random(seed, 1, key);
        const c = new Random(seed, 1, key + 1);
        const seqA = Array.from({ length: 8 }, () => a.uint32());
        expect(Array.from({ length: 8 }, () => b.uint32())).toEqual(seqA);
        expect(Array.from({ length: 8 }, () => c.uint32())).not.toEqual(seqA);
      }),
    );
  });

  it('stays in range', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.nat(1000), (seed, min, width) => {
        const rng = new Random(seed);
        for (let i = 0; i < 50; i++) {
          const x = rng.next();
          expect(x >= 0 && x < 1).toBe(true);
          const n = rng.int(min, min + width);
          expect(n >= min && n <= min + width && Number.isInteger(n)).toBe(true);
        }
        expect(rng.digits(8)).toMatch(/^\d{8}$/);
      }),
    );
  });

  it('is roughly uniform and normal', () => {
    const rng = new Random(42);
    const n = 20_000;
    let sum = 0;
    let sumNormal = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i++) {
      sum += rng.next();
      const z = rng.normal();
      sumNormal += z;
      sumSquares += z * z;
    }
    expect(sum / n).toBeCloseTo(0.5, 1);
    expect(sumNormal / n).toBeCloseTo(0, 1);
    expect(sumSquares / n).toBeCloseTo(1, 1);
  });
});

describe('WeightedTable', () => {
  it('picks only its values, in proportion to their weights', () => {
    const table = new WeightedTable([['A', 15], ['B', 50], ['C', 35]] as const);
    const rng = new Random(7);
    const counts: Record<string, number> = { A: 0, B: 0, C: 0 };
    for (let i = 0; i < 20_000; i++) counts[table.pick(rng)]! += 1;
    expect(counts.A! / 20_000).toBeCloseTo(0.15, 1);
    expect(counts.B! / 20_000).toBeCloseTo(0.5, 1);
    expect(counts.C! / 20_000).toBeCloseTo(0.35, 1);
  });

  it.each([[[]], [[['x', 0]]], [[['x', -1]]]] as const)('rejects %j', (entries) => {
    expect(() => new WeightedTable(entries as unknown as [string, number][])).toThrow();
  });
});

describe('ParetoCount', () => {
  it.each([1, 5, 10, 25])('has mean ≈ %i with most draws in 0–3 and none above the cap', (mean) => {
    const counts = new ParetoCount(mean);
    expect(counts.expected(counts.scale)).toBeCloseTo(mean, 3);
    const rng = new Random(mean);
    const n = 100_000;
    let sum = 0;
    let small = 0;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const x = counts.draw(rng);
      sum += x;
      if (x <= 3) small += 1;
      max = Math.max(max, x);
    }
    expect(Math.abs(sum / n - mean) / mean).toBeLessThan(0.08);
    expect(max).toBeLessThanOrEqual(counts.cap);
    expect(max).toBeGreaterThan(mean * 5); // a heavy tail
    if (mean <= 10) expect(small / n).toBeGreaterThan(0.55);
  });

  it('draws zero for a mean of zero', () => {
    const counts = new ParetoCount(0);
    expect(counts.draw(new Random(1))).toBe(0);
  });
});
