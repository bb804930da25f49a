import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalysisInputError } from '../analysis-input.js';
import { holtWintersFilter, startValues } from './holt-winters.js';
import { holtWintersForecast } from './holt-winters-forecast.js';
import { fitHoltWinters } from './holt-winters-fit.js';
import { sharedDataFile } from '../../../../test/support/shared-data.js';

function airPassengers(): number[] {
  const text = readFileSync(sharedDataFile('airpassengers/airpassengers.csv'), 'utf8');
  return text.trim().split(/\r?\n/).slice(1).map((line) => Number(line.split(',')[1]));
}

describe('Holt-Winters on AirPassengers (published R figures)', () => {
  const series = airPassengers();

  it('has 144 points summing to 40,363', () => {
    expect(series.length).toBe(144);
    expect(series.reduce((a, b) => a + b, 0)).toBe(40363);
  });

  it('fixed α .3 β .1 γ .2 multiplicative with R start-up → SSE 34,270.38 and forecasts 455.6062, 448.9073, 519.9360', () => {
    const parameters = { alpha: 0.3, beta: 0.1, gamma: 0.2 };
    const state = holtWintersFilter(series, 12, 'multiplicative', parameters, startValues(series, 12, 'multiplicative'));
    expect(state.sse).toBeCloseTo(34270.38, 2);
    expect(state.fitted.length).toBe(132);
    const forecast = holtWintersForecast(state, parameters, 'multiplicative', 3);
    expect(forecast.map((p) => Number(p.mean.toFixed(4)))).toEqual([455.6062, 448.9073, 519.936]);
    for (const p of forecast) expect(p.lower < p.mean && p.mean < p.upper).toBe(true);
  });

  it('fitting all three parameters (multiplicative) reaches R\'s SSE 16,570.78 (α .2756, β .0327, γ .8707)', () => {
    const fit = fitHoltWinters(series, 12, 'multiplicative');
    expect(Math.abs(fit.state.sse - 16570.78)).toBeLessThan(0.5);
    expect(fit.parameters.alpha).toBeCloseTo(0.2756, 3);
    expect(fit.parameters.beta).toBeCloseTo(0.0327, 3);
    expect(fit.parameters.gamma).toBeCloseTo(0.8707, 3);
  });

  it('fixed parameters are kept and only the free ones are fitted; the fit is at least as good as every grid point', () => {
    const fit = fitHoltWinters(series, 12, 'additive', { beta: 0.1 });
    expect(fit.parameters.beta).toBe(0.1);
    const start = startValues(series, 12, 'additive');
    for (const alpha of [0.1, 0.3, 0.5, 0.7, 0.9]) {
      for (const gamma of [0.1, 0.5, 0.9]) {
        expect(fit.state.sse).toBeLessThanOrEqual(holtWintersFilter(series, 12, 'additive', { alpha, beta: 0.1, gamma }, start).sse);
      }
    }
  });

  it('additive intervals widen with the horizon', () => {
    const parameters = { alpha: 0.3, beta: 0.1, gamma: 0.2 };
    const state = holtWintersFilter(series, 12, 'additive', parameters, startValues(series, 12, 'additive'));
    const widths = holtWintersForecast(state, parameters, 'additive', 24).map((p) => p.upper - p.lower);
    widths.slice(1).forEach((w, i) => {
      expect(w).toBeGreaterThan(widths[i]!);
    });
  });

  it('refuses too little data, non-positive values for multiplicative seasonality and α = 0', () => {
    expect(() => fitHoltWinters(series.slice(0, 24), 12, 'additive')).toThrow(/too little data/);
    expect(() => fitHoltWinters([0, ...series.slice(1)], 12, 'multiplicative')).toThrow(AnalysisInputError);
    expect(() => fitHoltWinters(series, 12, 'additive', { alpha: 0 })).toThrow(/alpha/);
  });
});

/** Holt's linear method written independently: the reference for the flat-season property. */
function holtLinear(values: readonly number[], from: number, level0: number, trend0: number, alpha: number, beta: number) {
  let level = level0;
  let trend = trend0;
  let sse = 0;
  for (let i = from; i < values.length; i++) {
    sse += (values[i]! - level - trend) ** 2;
    const next = alpha * values[i]! + (1 - alpha) * (level + trend);
    trend = beta * (next - level) + (1 - beta) * trend;
    level = next;
  }
  return { level, trend, sse };
}

describe('Holt-Winters (properties)', () => {
  const seriesArb = fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 9, maxLength: 40 });
  const unit = fc.double({ min: 0, max: 1, noNaN: true });

  it('with γ = 0 and flat seasonals (0 additive, 1 multiplicative) it is Holt\'s linear method', () => {
    fc.assert(
      fc.property(seriesArb, unit, unit, fc.constantFrom('additive' as const, 'multiplicative' as const), (values, alpha, beta, seasonality) => {
        const period = 4;
        const flat = Array<number>(period).fill(seasonality === 'additive' ? 0 : 1);
        const start = { level: values[0]!, trend: 1, seasonal: flat };
        const hw = holtWintersFilter(values, period, seasonality, { alpha, beta, gamma: 0 }, start);
        const holt = holtLinear(values, period, values[0]!, 1, alpha, beta);
        expect(hw.level).toBeCloseTo(holt.level, 6);
        expect(hw.trend).toBeCloseTo(holt.trend, 6);
        expect(Math.abs(hw.sse - holt.sse)).toBeLessThanOrEqual(1e-9 * (1 + holt.sse));
        expect(hw.seasonal).toEqual(flat);
      }),
    );
  });

  it('start seasonals are normalised: additive figures sum to 0, multiplicative ones average 1', () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 2, max: 4 }), (values, period) => {
        const additive = startValues(values, period, 'additive').seasonal;
        const multiplicative = startValues(values, period, 'multiplicative').seasonal;
        expect(additive.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 6);
        expect(multiplicative.reduce((a, b) => a + b, 0) / period).toBeCloseTo(1, 9);
      }),
    );
  });
});
