import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scaleFeatures } from './feature-scaling.js';

describe('scaleFeatures', () => {
  it('z-scores, log1p first when asked, row-major', () => {
    const scaled = scaleFeatures([Float64Array.from([1, 2, 3]), Float64Array.from([0, Math.E - 1, Math.E ** 2 - 1])], ['a', 'm'], [false, true]);
    const s = Math.sqrt(2 / 3);
    expect(Array.from(scaled.points).map((v) => Number(v.toFixed(12)))).toEqual([-1 / s, -1 / s, 0, 0, 1 / s, 1 / s].map((v) => Number(v.toFixed(12))));
    expect(scaled.means[1]).toBeCloseTo(1, 12);
  });
  it('a constant feature scales to zeros, not NaN', () => {
    expect(Array.from(scaleFeatures([Float64Array.from([5, 5, 5])], ['c'], [false]).points)).toEqual([0, 0, 0]);
  });
  it('log1p of a value ≤ −1 is refused with the feature named', () => {
    expect(() => scaleFeatures([Float64Array.from([0, -1])], ['monetary'], [true])).toThrow('feature "monetary" has the value -1');
  });
  it('every scaled non-constant feature has mean 0 and standard deviation 1 (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 2, maxLength: 50 }), (values) => {
        fc.pre(new Set(values).size > 1);
        const { points } = scaleFeatures([Float64Array.from(values)], ['x'], [false]);
        const mean = points.reduce((s, v) => s + v, 0) / points.length;
        const variance = points.reduce((s, v) => s + (v - mean) ** 2, 0) / points.length;
        expect(Math.abs(mean)).toBeLessThan(1e-9);
        expect(variance).toBeCloseTo(1, 6);
      }),
    );
  });
});
