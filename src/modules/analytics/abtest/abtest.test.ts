import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalysisInputError } from '../analysis-input.js';
import { normalLowerTail } from '../logistic/normal-distribution.js';
import { chiSquareUpperTail } from './chi-square-distribution.js';
import { normalQuantile } from './normal-quantile.js';
import { proportionPower, proportionSampleSize } from './proportion-power.js';
import { chiSquareTest, compareProportions } from './proportion-test.js';

const variant = (name: string, conversions: number, visitors: number) => ({ name, conversions, visitors });

describe('proportion tests (R prop.test documented example)', () => {
  const comparison = compareProportions(variant('A', 200, 1000), variant('B', 250, 1000));

  it('200/1000 vs 250/1000 → χ² 7.168459, p 0.007419649 without continuity correction', () => {
    expect(comparison.chiSquare.statistic).toBeCloseTo(7.168459, 6);
    expect(comparison.chiSquare.pValue).toBeCloseTo(0.007419649, 9);
    expect(comparison.z ** 2).toBeCloseTo(comparison.chiSquare.statistic, 12);
    expect(comparison.z).toBeGreaterThan(0);
  });

  it('with Yates correction → χ² 6.884588, p 0.008694211 and R\'s interval (0.01246362, 0.08753638)', () => {
    expect(comparison.chiSquareCorrected.statistic).toBeCloseTo(6.884588, 6);
    expect(comparison.chiSquareCorrected.pValue).toBeCloseTo(0.008694211, 8);
    expect(comparison.interval.lowerCorrected).toBeCloseTo(0.01246362, 8);
    expect(comparison.interval.upperCorrected).toBeCloseTo(0.08753638, 8);
    expect(comparison.relativeLift).toBeCloseTo(0.25, 12);
  });

  it('k groups: chi-square with k − 1 degrees of freedom (R: prop.test(c(83,90,129,70), c(86,93,136,82)) χ² 12.6, df 3, p 0.005585)', () => {
    const result = chiSquareTest([variant('a', 83, 86), variant('b', 90, 93), variant('c', 129, 136), variant('d', 70, 82)]);
    expect(result.degreesOfFreedom).toBe(3);
    expect(result.statistic).toBeCloseTo(12.6, 1);
    expect(result.pValue).toBeCloseTo(0.005585, 5);
  });

  it('refuses impossible counts and a single variant', () => {
    expect(() => chiSquareTest([variant('a', 5, 4), variant('b', 1, 4)])).toThrow(AnalysisInputError);
    expect(() => chiSquareTest([variant('a', 1, 4)])).toThrow(/at least two variants/);
  });
});

describe('power and sample size (R power.prop.test)', () => {
  it('p1 .10, p2 .12, power .8, α .05 → n = 3,840.847 per arm', () => {
    expect(proportionSampleSize({ p1: 0.1, p2: 0.12 }, 0.8)).toBeCloseTo(3840.847, 3);
  });
  it('n 50, p1 .5, p2 .75 → power 0.7401659 (R documentation example)', () => {
    expect(proportionPower({ p1: 0.5, p2: 0.75 }, 50)).toBeCloseTo(0.7401659, 7);
  });
  it('one-sided needs fewer visitors; strict adds the far tail', () => {
    expect(proportionSampleSize({ p1: 0.1, p2: 0.12, alternative: 'one.sided' })).toBeLessThan(3840);
    expect(proportionPower({ p1: 0.5, p2: 0.75, strict: true }, 50)).toBeGreaterThan(proportionPower({ p1: 0.5, p2: 0.75 }, 50));
  });
  it('refuses p1 = p2 and proportions outside (0, 1)', () => {
    expect(() => proportionSampleSize({ p1: 0.1, p2: 0.1 })).toThrow(/differ/);
    expect(() => proportionPower({ p1: 0, p2: 0.1 }, 10)).toThrow(/p1/);
  });
});

describe('distributions', () => {
  const cases: [number, number, number][] = [
    [3, 3, 0.3916251762710877],
    [10, 5, 0.07523524614651217],
    [4, 2, 0.1353352832366127],
    [3.841458820694124, 1, 0.05],
  ];
  for (const [x, df, p] of cases) {
    it(`P(χ²_${df} > ${x}) = ${p}`, () => {
      expect(chiSquareUpperTail(x, df)).toBeCloseTo(p, 12);
    });
  }
  it('normal quantiles of R qnorm', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 14);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
  });
});

describe('properties', () => {
  const countsArb = fc.integer({ min: 1, max: 5000 }).chain((visitors) => fc.record({ visitors: fc.constant(visitors), conversions: fc.integer({ min: 0, max: visitors }) }));
  it('the quantile inverts the normal CDF', () => {
    fc.assert(fc.property(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (p) => {
        expect(normalLowerTail(normalQuantile(p))).toBeCloseTo(p, 12);
      }),
    );
  });
  it('the continuity correction never increases χ², p-values lie in [0, 1], swapping variants keeps χ²', () => {
    fc.assert(
      fc.property(countsArb, countsArb, (a, b) => {
        const ab = compareProportions({ name: 'a', ...a }, { name: 'b', ...b });
        const ba = compareProportions({ name: 'b', ...b }, { name: 'a', ...a });
        expect(ab.chiSquareCorrected.statistic).toBeLessThanOrEqual(ab.chiSquare.statistic + 1e-9);
        for (const p of [ab.chiSquare.pValue, ab.chiSquareCorrected.pValue]) expect(p >= 0 && p <= 1).toBe(true);
        expect(ba.chiSquare.statistic).toBeCloseTo(ab.chiSquare.statistic, 9);
        expect(ba.z).toBeCloseTo(-ab.z, 9);
      }),
    );
  });
  it('at the computed sample size the power is the target', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.5, noNaN: true }), fc.double({ min: 0.005, max: 0.3, noNaN: true }), fc.double({ min: 0.5, max: 0.95, noNaN: true }), (p1, delta, power) => {
        const n = proportionSampleSize({ p1, p2: p1 + delta }, power);
        expect(proportionPower({ p1, p2: p1 + delta }, n)).toBeCloseTo(power, 6);
      }),
    );
  });
});
