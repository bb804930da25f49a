import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalysisInputError } from '../analysis-input.js';
import { encodeDesign } from './design-matrix.js';
import { fitLogistic, type LogisticInput } from './logistic-regression.js';
import { MTCARS_CSV_ROWS } from './mtcars-fixture.js';

const column = (values: number[]) => Float64Array.from(values);

function mtcars(features: string[]): LogisticInput {
  return encodeDesign(MTCARS_CSV_ROWS, 'am', features);
}

/** Xᵀ(y − p): zero at the maximum-likelihood estimate. */
function gradient(input: LogisticInput, probabilities: Float64Array): number[] {
  const residuals = Array.from(input.target, (y, i) => y - probabilities[i]!);
  const intercept = residuals.reduce((sum, r) => sum + r, 0);
  return [intercept, ...input.columns.map((values) => residuals.reduce((sum, r, i) => sum + r * values[i]!, 0))];
}

/** Σ y·log p + (1 − y)·log(1 − p) at coefficients β (intercept first), computed directly. */
function logLikelihood(input: LogisticInput, beta: ArrayLike<number>): number {
  let sum = 0;
  input.target.forEach((y, i) => {
    const eta = beta[0]! + input.columns.reduce((s, values, j) => s + beta[j + 1]! * values[i]!, 0);
    const p = 1 / (1 + Math.exp(-eta));
    sum += y === 1 ? Math.log(p) : Math.log(1 - p);
  });
  return sum;
}

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (err) {
    if (err instanceof AnalysisInputError) return err.code;
    throw err;
  }
  return undefined;
}

describe('fitLogistic reproduces R glm(am ~ wt + hp, binomial, mtcars)', () => {
  const fit = fitLogistic(mtcars(['wt', 'hp']));
  it('coefficients, standard errors, z and p as printed by summary()', () => {
    const printed = [
      ['(Intercept)', 18.8663, 7.44356, 2.535, 0.01126],
      ['wt', -8.08348, 3.06868, -2.634, 0.00843],
      ['hp', 0.03626, 0.01773, 2.044, 0.04091],
    ] as const;
    printed.forEach(([name, estimate, se, z, p], j) => {
      expect(fit.names[j]).toBe(name);
      expect(fit.coefficients[j]).toBeCloseTo(estimate, name === 'hp' ? 5 : 4);
      expect(fit.standardErrors[j]).toBeCloseTo(se, name === 'hp' ? 5 : 4);
      expect(fit.zValues[j]).toBeCloseTo(z, 3);
      expect(fit.pValues[j]).toBeCloseTo(p, 5);
    });
  });
  it('deviances and log-likelihood', () => {
    expect(fit.deviance).toBeCloseTo(10.059, 3);
    expect(fit.nullDeviance).toBeCloseTo(43.23, 3);
    expect(fit.logLik).toBeCloseTo(-5.0296, 4);
    expect(fit.n).toBe(32);
  });
  it('the score (gradient) is zero at the solution', () => {
    for (const g of gradient(mtcars(['wt', 'hp']), fit.probabilities)) expect(Math.abs(g)).toBeLessThan(1e-8);
  });
});

describe('categorical features (treatment contrasts, first level is the reference)', () => {
  it('a text column equals hand-made dummies for its non-reference levels', () => {
    const rows = MTCARS_CSV_ROWS.map((row) => ({ ...row, cylinders: `c${row.cyl}`, c6: row.cyl === '6' ? '1' : '0', c8: row.cyl === '8' ? '1' : '0' }));
    const encoded = encodeDesign(rows, 'am', ['wt', 'cylinders']);
    expect(encoded.names).toEqual(['wt', 'cylinders=c6', 'cylinders=c8']);
    expect(encoded.levels).toEqual({ cylinders: ['c4', 'c6', 'c8'] });
    const byText = fitLogistic(encoded);
    const byHand = fitLogistic(encodeDesign(rows, 'am', ['wt', 'c6', 'c8']));
    for (const [j, b] of byText.coefficients.entries()) expect(b).toBeCloseTo(byHand.coefficients[j]!, 10);
    for (const [j, se] of byText.standardErrors.entries()) expect(se).toBeCloseTo(byHand.standardErrors[j]!, 10);
  });
  it('glm(am ~ factor(cyl)): each coefficient is a log odds ratio against cyl 4, with the closed-form standard errors', () => {
    // am = 1 in 8 of 11 four-cylinder, 3 of 7 six-cylinder and 2 of 14 eight-cylinder cars.
    const rows = MTCARS_CSV_ROWS.map((row) => ({ ...row, cylinders: `c${row.cyl}` }));
    const fit = fitLogistic(encodeDesign(rows, 'am', ['cylinders']));
    const logOdds = (k: number, n: number) => Math.log(k / (n - k));
    expect(fit.names).toEqual(['(Intercept)', 'cylinders=c6', 'cylinders=c8']);
    expect(fit.coefficients[0]).toBeCloseTo(logOdds(8, 11), 8);
    expect(fit.coefficients[1]).toBeCloseTo(logOdds(3, 7) - logOdds(8, 11), 8);
    expect(fit.coefficients[2]).toBeCloseTo(logOdds(2, 14) - logOdds(8, 11), 8);
    expect(fit.standardErrors[0]).toBeCloseTo(Math.sqrt(1 / 8 + 1 / 3), 7);
    expect(fit.standardErrors[1]).toBeCloseTo(Math.sqrt(1 / 8 + 1 / 3 + 1 / 3 + 1 / 4), 7);
    expect(fit.standardErrors[2]).toBeCloseTo(Math.sqrt(1 / 8 + 1 / 3 + 1 / 2 + 1 / 12), 7);
    const groupLogLik = (k: number, n: number) => k * Math.log(k / n) + (n - k) * Math.log(1 - k / n);
    expect(fit.logLik).toBeCloseTo(groupLogLik(8, 11) + groupLogLik(3, 7) + groupLogLik(2, 14), 8);
  });
  it('rows with an empty cell are dropped, targets read yes/no and true/false', () => {
    const rows = [
      { y: 'yes', x: '1' },
      { y: 'No', x: '2' },
      { y: '', x: '3' },
      { y: 'TRUE', x: '' },
      { y: 'false', x: '4' },
    ];
    const encoded = encodeDesign(rows, 'y', ['x']);
    expect(Array.from(encoded.target)).toEqual([1, 0, 0]);
    expect(encoded.rowIndexes).toEqual([0, 1, 4]);
    expect(encoded.dropped).toBe(2);
  });
  it('a target that is not binary names the row and the column', () => {
    expect(() => encodeDesign([{ y: 'maybe', x: '1' }], 'y', ['x'])).toThrow('row 2, column "y": "maybe" is not a 0/1 outcome');
  });
});

describe('refusals instead of nonsense', () => {
  const x = column([1, 2, 3, 4, 5, 6, 7, 8]);
  const cases: { name: string; input: LogisticInput; code: string }[] = [
    { name: 'complete separation', input: { names: ['x'], columns: [x], target: Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1]) }, code: 'analysis.perfect_separation' },
    { name: 'quasi-complete separation', input: { names: ['x'], columns: [column([1, 2, 3, 4, 4, 5, 6, 7])], target: Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1]) }, code: 'analysis.perfect_separation' },
    { name: 'duplicated feature', input: { names: ['x', 'x2'], columns: [x, x.map((v) => 2 * v)], target: Uint8Array.from([0, 1, 0, 1, 1, 0, 1, 0]) }, code: 'analysis.singular_design' },
    { name: 'constant feature', input: { names: ['c'], columns: [column([3, 3, 3, 3, 3, 3, 3, 3])], target: Uint8Array.from([0, 1, 0, 1, 1, 0, 1, 0]) }, code: 'analysis.singular_design' },
    { name: 'single class', input: { names: ['x'], columns: [x], target: new Uint8Array(8) }, code: 'analysis.too_little_data' },
    { name: 'fewer rows than coefficients', input: { names: ['x'], columns: [column([1, 2])], target: Uint8Array.from([0, 1]) }, code: 'analysis.too_little_data' },
  ];
  for (const c of cases) it(c.name, () => expect(errorCode(() => fitLogistic(c.input))).toBe(c.code));
  it('names the collinear column', () => {
    expect(() => fitLogistic(cases[2]!.input)).toThrow('"x2" is constant or a linear combination');
  });
});

describe('fitLogistic (properties)', () => {
  // Overlapping classes: y drawn from a logistic model with a moderate slope, both classes on both sides.
  const sample = fc.array(fc.tuple(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true })), { minLength: 40, maxLength: 120 });
  it('at the estimate the gradient vanishes and no nearby coefficients are more likely', () => {
    fc.assert(
      fc.property(sample, (points) => {
        const target = Uint8Array.from(points, ([a, b, u]) => (u < 1 / (1 + Math.exp(-(0.3 + 0.8 * a - 0.5 * b))) ? 1 : 0));
        const input: LogisticInput = { names: ['a', 'b'], columns: [column(points.map((p) => p[0])), column(points.map((p) => p[1]))], target };
        let fit: ReturnType<typeof fitLogistic>;
        try {
          fit = fitLogistic(input);
        } catch (err) {
          fc.pre(!(err instanceof AnalysisInputError)); // a random sample may be separable or single-class
          throw err;
        }
        const scale = Math.max(1, ...fit.coefficients.map(Math.abs));
        for (const g of gradient(input, fit.probabilities)) expect(Math.abs(g)).toBeLessThan(1e-7 * scale * points.length);
        const atEstimate = logLikelihood(input, fit.coefficients);
        expect(fit.logLik).toBeCloseTo(atEstimate, 8);
        expect(fit.deviance).toBeLessThanOrEqual(fit.nullDeviance + 1e-9);
        for (let j = 0; j < fit.coefficients.length; j++) {
          for (const step of [-1e-3, 1e-3]) {
            const moved = fit.coefficients.map((b, k) => (k === j ? b + step : b));
            expect(logLikelihood(input, moved)).toBeLessThanOrEqual(atEstimate + 1e-10 * Math.abs(atEstimate));
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
