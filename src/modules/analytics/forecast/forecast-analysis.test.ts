import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../imports/index.js';
import { type AnalysisTable, tableFromRows } from '../analysis-input.js';
import { type ForecastReport, forecastAnalysis } from './forecast-analysis.js';
import { sharedDataFile } from '../../../../test/support/shared-data.js';

const csv = readFileSync(sharedDataFile('airpassengers/airpassengers.csv'), 'utf8');

describe('forecast analysis (CLI adapter) on airpassengers.csv', () => {
  const table = tableFromRows(parseCsv(csv));
  const fixed = { value: 'passengers', date: 'month', alpha: '0.3', beta: '0.1', gamma: '0.2', seasonal: 'multiplicative', period: '12' };

  it('reproduces the fixed-parameter R forecasts with intervals', () => {
    const report = forecastAnalysis.run(table, fixed) as ForecastReport;
    expect(report).toMatchObject({ alpha: 0.3, beta: 0.1, gamma: 0.2, observations: 144, period: 12 });
    expect(report.sse).toBeCloseTo(34270.38, 2);
    expect(report.forecast.map((p) => Number(p.mean.toFixed(4)))).toEqual([455.6062, 448.9073, 519.936]);
    expect(report.forecast.every((p) => p.lower < p.mean && p.upper > p.mean)).toBe(true);
  });

  it('orders rows by the date column (YYYY-MM), whatever the file order', () => {
    const shuffled: AnalysisTable = { header: table.header, rows: [...table.rows].reverse() };
    const report = forecastAnalysis.run(shuffled, { ...fixed, horizon: '1' }) as ForecastReport;
    expect(report.forecast.length).toBe(1);
    expect(report.forecast[0]!.mean).toBeCloseTo(455.6062, 4);
  });

  it('fits the free parameters when none are given', () => {
    const report = forecastAnalysis.run(table, { value: 'passengers', date: 'month' }) as ForecastReport;
    expect(report.sse).toBeLessThan(16571);
  });

  it('says so on too little data or a non-numeric value', () => {
    const short: AnalysisTable = { header: table.header, rows: table.rows.slice(0, 20) };
    expect(() => forecastAnalysis.run(short, { value: 'passengers', date: 'month' })).toThrow(/too little data/);
    const bad: AnalysisTable = { header: table.header, rows: [{ month: '1949-01', passengers: 'n/a' }, ...table.rows.slice(1)] };
    expect(() => forecastAnalysis.run(bad, { value: 'passengers', date: 'month' })).toThrow(/row 2, column "passengers"/);
  });
});
