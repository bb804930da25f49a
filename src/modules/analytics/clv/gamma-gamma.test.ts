import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CDNOW_CALIBRATION_END, readCdnowTransactions } from './cdnow-sample.fixture.js';
import { buildClvSummaries } from './clv-summary.js';
import { simulateClvTransactions } from './clv-simulation.js';
import { conditionalExpectedAverageSpend, fitGammaGamma, gammaGammaLogLikelihood, gammaGammaLogLikelihoodWithGradient, spendData, spendModelCustomers } from './gamma-gamma.js';

const significant = (x: number, digits: number) => Number(x.toPrecision(digits));

describe('Gamma-Gamma on CDNOW (Fader, Hardie & Lee 2005, "RFM and CLV")', () => {
  const summaries = buildClvSummaries(readCdnowTransactions(), CDNOW_CALIBRATION_END, 'week');
  const fit = fitGammaGamma(summaries);

  it('fits the 946 repeat buyers: p = 6.25, q = 3.74, v = 15.44 (3 significant figures)', () => {
    expect(fit.customers).toBe(946);
    expect(fit.converged).toBe(true);
    expect(significant(fit.p, 3)).toBe(6.25);
    expect(significant(fit.q, 3)).toBe(3.74);
    expect(significant(fit.v, 3)).toBe(15.4);
    expect(fit.v).toBeCloseTo(15.44, 2);
  });
  it('expected average spend of the first customers: 24.65, 18.91, 35.17, 35.17, 35.17, 71.46', () => {
    const spends = summaries.slice(0, 6).map((s) => conditionalExpectedAverageSpend(fit, s));
    expect(spends.map((s) => Number(s.toFixed(2)))).toEqual([24.65, 18.91, 35.17, 35.17, 35.17, 71.46]);
  });
  it('a small move away from the optimum lowers the likelihood', () => {
    const data = spendData(spendModelCustomers(summaries));
    for (const nudge of [{ p: fit.p * 1.01 }, { q: fit.q * 0.99 }, { v: fit.v * 1.01 }]) {
      expect(gammaGammaLogLikelihood({ ...fit, ...nudge }, data)).toBeLessThan(fit.logLik);
    }
  });
});

describe('Gamma-Gamma properties', () => {
  const params = fc.record({ p: fc.double({ min: 0.5, max: 20, noNaN: true }), q: fc.double({ min: 1.1, max: 20, noNaN: true }), v: fc.double({ min: 0.5, max: 100, noNaN: true }) });
  const buyer = fc.record({ frequency: fc.integer({ min: 1, max: 50 }), monetary: fc.double({ min: 0.01, max: 1000, noNaN: true }) });
  it('the expected spend lies between the population mean and the customer mean', () => {
    fc.assert(
      fc.property(params, buyer, (g, s) => {
        const population = (g.p * g.v) / (g.q - 1);
        const expected = conditionalExpectedAverageSpend(g, s);
        expect(expected).toBeGreaterThanOrEqual(Math.min(population, s.monetary) * (1 - 1e-12));
        expect(expected).toBeLessThanOrEqual(Math.max(population, s.monetary) * (1 + 1e-12));
      }),
    );
  });
  it('more spend never lowers the expected spend; more transactions move it towards the customer mean', () => {
    fc.assert(
      fc.property(params, buyer, fc.double({ min: 0, max: 100, noNaN: true }), (g, s, extra) => {
        const base = conditionalExpectedAverageSpend(g, s);
        expect(conditionalExpectedAverageSpend(g, { ...s, monetary: s.monetary + extra })).toBeGreaterThanOrEqual(base);
        const more = conditionalExpectedAverageSpend(g, { ...s, frequency: s.frequency + 1 });
        expect(Math.abs(more - s.monetary)).toBeLessThanOrEqual(Math.abs(base - s.monetary) * (1 + 1e-12));
      }),
    );
  });
  it('the analytic gradient of the log-likelihood matches central differences', () => {
    fc.assert(
      fc.property(params, fc.array(buyer, { minLength: 1, maxLength: 30 }), (g, buyers) => {
        const data = spendData(buyers);
        const { gradient } = gammaGammaLogLikelihoodWithGradient(g, data);
        (['p', 'q', 'v'] as const).forEach((name, i) => {
          const h = 1e-6 * g[name];
          const numeric = (gammaGammaLogLikelihood({ ...g, [name]: g[name] + h }, data) - gammaGammaLogLikelihood({ ...g, [name]: g[name] - h }, data)) / (2 * h);
          expect(Math.abs(gradient[i]! - numeric), name).toBeLessThan(1e-4 * (1 + Math.abs(numeric)));
        });
      }),
    );
  });
  it('recovers simulated spend parameters within 15 % (20,000 customers)', () => {
    const truth = { p: 5, q: 4, v: 20 };
    const transactions = simulateClvTransactions({ customers: 20_000, seed: 11, bgnbd: { r: 1, alpha: 4, a: 0.5, b: 3 }, gammaGamma: truth, observationDays: 365, acquisitionDays: 90, unitDays: 7 });
    const fit = fitGammaGamma(buildClvSummaries(transactions, 365, 'week'));
    for (const name of ['p', 'q', 'v'] as const) expect(Math.abs(fit[name] / truth[name] - 1), name).toBeLessThan(0.15);
  });
});
