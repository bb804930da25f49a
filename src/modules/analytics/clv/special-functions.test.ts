import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimizeNelderMead } from './nelder-mead.js';
import { minimizeBfgs } from './quasi-newton.js';
import { digamma, hypergeometric2F1, logGamma } from './special-functions.js';

describe('logGamma', () => {
  const cases: [number, number][] = [
    [1, 0],
    [2, 0],
    [5, Math.log(24)],
    [0.5, 0.5 * Math.log(Math.PI)],
    [0.1, 2.252712651734206], // ln Γ(0.1), from Γ(0.1) = 9.513507698668732
    [10.5, Math.log(1133278.38894879)],
    [171, 706.5730622457874],
  ];
  for (const [x, expected] of cases) it(`ln Γ(${x})`, () => expect(logGamma(x)).toBeCloseTo(expected, 12));
  it('recurrence ln Γ(x+1) = ln Γ(x) + ln x', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e4, noNaN: true }), (x) => {
        expect(logGamma(x + 1)).toBeCloseTo(logGamma(x) + Math.log(x), 8);
      }),
    );
  });
});

describe('hypergeometric2F1', () => {
  const cases: { name: string; value: () => number; expected: number }[] = [
    { name: '2F1(1,1;2;z) = −ln(1−z)/z at 0.5', value: () => hypergeometric2F1(1, 1, 2, 0.5), expected: -Math.log(0.5) / 0.5 },
    { name: '2F1(a,b;b;z) = (1−z)^−a at 0.9', value: () => hypergeometric2F1(0.7, 3, 3, 0.9), expected: 0.1 ** -0.7 },
    { name: 'polynomial when a is a non-positive integer', value: () => hypergeometric2F1(-2, 1, 1, 0.5), expected: 0.25 },
    { name: 'z = 0 gives 1', value: () => hypergeometric2F1(3, 4, 5, 0), expected: 1 },
    // mpmath.hyp2f1(0.2426, 2.4258, 2.2187, 78/82.4135)
    { name: 'BG/NBD new-customer term at t = 78 weeks', value: () => hypergeometric2F1(0.2426, 2.4258, 2.2187, 78 / 82.4135), expected: 2.38701526689143 },
  ];
  for (const c of cases) it(c.name, () => expect(c.value()).toBeCloseTo(c.expected, 10));
  it('refuses z outside [0, 1) and c a non-positive integer instead of returning NaN', () => {
    expect(() => hypergeometric2F1(1, 1, 2, 1)).toThrow(RangeError);
    expect(() => hypergeometric2F1(1, 1, -2, 0.5)).toThrow(RangeError);
  });
});

describe('digamma', () => {
  // ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, ψ(10) = H₉ − γ
  const euler = 0.5772156649015329;
  const cases: [number, number][] = [
    [1, -euler],
    [0.5, -euler - 2 * Math.LN2],
    [10, 2.251752589066721],
    [0.01, -100.560885457869],
  ];
  for (const [x, expected] of cases) it(`ψ(${x})`, () => expect(digamma(x)).toBeCloseTo(expected, 11));
  it('is the derivative of logGamma', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 1e3, noNaN: true }), (x) => {
        const h = 1e-5 * x;
        expect(digamma(x)).toBeCloseTo((logGamma(x + h) - logGamma(x - h)) / (2 * h), 4);
      }),
    );
  });
});

describe('minimizeBfgs', () => {
  it('finds the Rosenbrock minimum (1, 1) with its gradient', () => {
    const rosenbrock = ([x, y]: number[]) => ({ value: 100 * (y! - x! ** 2) ** 2 + (1 - x!) ** 2, gradient: [-400 * x! * (y! - x! ** 2) - 2 * (1 - x!), 200 * (y! - x! ** 2)] });
    const result = minimizeBfgs(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 6);
    expect(result.point[1]).toBeCloseTo(1, 6);
  });
  it('moves at most maxStep per iteration and treats non-finite values as outside', () => {
    const result = minimizeBfgs(([x]) => (x! > 50 ? { value: Number.NaN, gradient: [Number.NaN] } : { value: (x! - 40) ** 2, gradient: [2 * (x! - 40)] }), [0], { maxStep: 1 });
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(40, 6);
    expect(result.iterations).toBeGreaterThanOrEqual(40);
  });
});

describe('minimizeNelderMead', () => {
  it('finds the Rosenbrock minimum (1, 1)', () => {
    const result = minimizeNelderMead(([x, y]) => 100 * (y! - x! ** 2) ** 2 + (1 - x!) ** 2, [-1.2, 1], { tolerance: 1e-14 });
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 4);
    expect(result.point[1]).toBeCloseTo(1, 4);
  });
  it('treats non-finite values as outside the domain', () => {
    const result = minimizeNelderMead(([x]) => (x! < 0 ? Number.NaN : (x! - 2) ** 2), [5]);
    expect(result.point[0]).toBeCloseTo(2, 4);
  });
});
