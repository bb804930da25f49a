import {
  type Analysis,
  AnalysisInputError,
  type AnalysisFlags,
  type AnalysisTable,
  choiceFlag,
  dateFlag,
  formatDay,
  numberFlag,
  parseDateCell,
  parseNumberCell,
  requireColumn,
} from '../analysis-input.js';
import { buildClvSummaries, type ClvTransaction } from './clv-summary.js';
import { runClvModel } from './clv-model.js';

/**
 * `relata analyze clv`: BG/NBD + Gamma-Gamma on a CSV of transactions (one row per purchase).
 * Rows dated after --calibration-end are ignored; same-day rows of a customer are one transaction.
 *
 * Example: `relata analyze clv --input orders.csv --calibration-end 1997-09-30 --time-unit week --json`
 * → {"bgnbd":{"r":0.2426,…},"gammaGamma":{"p":6.25,…},"customers":[{"customer":"0001","frequency":2,…}]}
 */
export const clvAnalysis: Analysis = {
  usage: [
    '  --calibration-end YYYY-MM-DD   end of the observed period (required); later rows are ignored',
    '  --time-unit week|day           unit of recency, T and the fitted alpha (default week)',
    '  --horizon N                    months ahead for expected purchases and CLV (default 12)',
    '  --discount-rate D              monthly discount rate of the CLV (default 0.01)',
    '  --customer COL --date COL --amount COL   columns (defaults customer_id, date, amount)',
  ].join('\n'),
  run: runClvAnalysis,
};

function runClvAnalysis(table: AnalysisTable, flags: AnalysisFlags) {
  const calibrationEnd = dateFlag(flags, 'calibration-end');
  if (calibrationEnd === undefined) throw new AnalysisInputError('--calibration-end YYYY-MM-DD is required (end of the observed period)');
  const timeUnit = choiceFlag(flags, 'time-unit', ['week', 'day'] as const, 'week');
  const horizonMonths = numberFlag(flags, 'horizon', 12, 1, 120);
  const monthlyDiscountRate = numberFlag(flags, 'discount-rate', 0.01, 0, 1);
  const summaries = buildClvSummaries(readTransactions(table, flags), calibrationEnd, timeUnit);
  const { bgnbd, gammaGamma, customers } = runClvModel(summaries, { horizonMonths, monthlyDiscountRate, timeUnit });
  return {
    calibrationEnd: formatDay(calibrationEnd),
    timeUnit,
    horizonMonths,
    monthlyDiscountRate,
    bgnbd: { r: bgnbd.r, alpha: bgnbd.alpha, a: bgnbd.a, b: bgnbd.b, logLik: bgnbd.logLik },
    gammaGamma: { p: gammaGamma.p, q: gammaGamma.q, v: gammaGamma.v, repeatBuyers: gammaGamma.customers },
    customers,
  };
}

function readTransactions(table: AnalysisTable, flags: AnalysisFlags): ClvTransaction[] {
  const customerColumn = requireColumn(table, flags, 'customer', 'customer_id');
  const dateColumn = requireColumn(table, flags, 'date', 'date');
  const amountColumn = requireColumn(table, flags, 'amount', 'amount');
  return table.rows.map((row, index) => {
    const customer = (row[customerColumn] ?? '').trim();
    if (customer === '') throw new AnalysisInputError(`row ${index + 2}, column "${customerColumn}": the customer is empty`);
    return { customer, day: parseDateCell(row[dateColumn], dateColumn, index), amount: parseNumberCell(row[amountColumn], amountColumn, index) };
  });
}
