import { type Analysis, type AnalysisFlags, AnalysisInputError, type AnalysisTable, choiceFlag, numberFlag, parseDateCell, parseNumberCell, requireColumn, stringFlag } from '../analysis-input.js';
import { type ForecastPoint, holtWintersForecast } from './holt-winters-forecast.js';
import { fitHoltWinters } from './holt-winters-fit.js';
import type { SmoothingParameters } from './holt-winters.js';

/**
 * `relata analyze forecast`: Holt-Winters on one numeric column, one row per period. Rows are taken
 * in file order, or ordered by `--date` (YYYY-MM-DD, YYYYMMDD or YYYY-MM) when that column is given
 * or a `date` column exists. α, β, γ given as options are fixed; the others are fitted.
 */
export interface ForecastReport extends SmoothingParameters {
  seasonal: 'additive' | 'multiplicative';
  period: number;
  observations: number;
  sse: number;
  coefficients: { a: number; b: number; s: number[] };
  level: number;
  forecast: ForecastPoint[];
}

export const forecastAnalysis: Analysis = {
  usage: [
    '--value COL         the series column (default value)',
    '--date COL          optional ordering column (default: date, when present; else file order)',
    '--period N          season length (default 12)',
    '--seasonal multiplicative|additive (default multiplicative)',
    '--alpha A --beta B --gamma G   fix a smoothing parameter in [0, 1]; omitted ones are fitted (least SSE)',
    '--horizon N         periods to forecast (default 3)',
    '--level L           prediction interval level (default 0.95)',
    'output: {"alpha","beta","gamma","sse","coefficients","forecast":[{"step","mean","lower","upper"}]}',
  ].join('\n'),
  run(table: AnalysisTable, flags: AnalysisFlags): ForecastReport {
    const values = seriesFromTable(table, flags);
    const period = numberFlag(flags, 'period', 12, 2, 366);
    if (!Number.isInteger(period)) throw new AnalysisInputError(`--period must be an integer, got ${period}`);
    const seasonal = choiceFlag(flags, 'seasonal', ['multiplicative', 'additive'] as const, 'multiplicative');
    const fixed: Partial<SmoothingParameters> = {};
    for (const name of ['alpha', 'beta', 'gamma'] as const) {
      if (flags[name] !== undefined) fixed[name] = numberFlag(flags, name, 0, 0, 1);
    }
    const horizon = numberFlag(flags, 'horizon', 3, 1, 1000);
    const level = numberFlag(flags, 'level', 0.95, 0.5, 0.999);
    const fit = fitHoltWinters(values, period, seasonal, fixed);
    return {
      ...fit.parameters,
      seasonal,
      period,
      observations: values.length,
      sse: fit.state.sse,
      coefficients: { a: fit.state.level, b: fit.state.trend, s: fit.state.seasonal },
      level,
      forecast: holtWintersForecast(fit.state, fit.parameters, seasonal, Math.floor(horizon), level),
    };
  },
};

/** The value column, ordered by the date column when there is one. */
function seriesFromTable(table: AnalysisTable, flags: AnalysisFlags): number[] {
  const valueColumn = requireColumn(table, flags, 'value', 'value');
  const dateColumn = stringFlag(flags, 'date') !== undefined || table.header.includes('date') ? requireColumn(table, flags, 'date', 'date') : undefined;
  const points = table.rows.map((row, index) => ({
    value: parseNumberCell(row[valueColumn], valueColumn, index),
    day: dateColumn === undefined ? index : parseDateCell(monthAsDay(row[dateColumn]), dateColumn, index),
  }));
  return points.sort((a, b) => a.day - b.day).map((p) => p.value);
}

/** "1949-01" → "1949-01-01" so monthly series need no day. */
function monthAsDay(cell: string | undefined): string | undefined {
  const text = (cell ?? '').trim();
  return /^\d{4}-\d{2}$/.test(text) ? `${text}-01` : text;
}
