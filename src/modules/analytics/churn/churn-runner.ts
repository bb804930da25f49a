import { AnalysisInputError } from '../analysis-input.js';
import { type BgNbdFit, fitBgNbd, probabilityAlive } from '../clv/bgnbd.js';
import { assertFittable, type ClvCustomerSummary } from '../clv/clv-summary.js';
import type { ModelRunner } from '../runs/model-runner.js';
import { lockModel } from '../runs/runner-batches.js';
import { invalidParam, paramsRecord, shanghaiDay } from '../runs/runner-params.js';
import { type ChurnInputRow, readChurnInputs, storeChurnRisks } from './churn-repository.js';
import { type ChurnSignals, churnRisk } from './churn-risk.js';

/** Where P(alive) comes from: a BG/NBD fit inside this run, the last CLV run's stored value, or none (signals only). */
export const P_ALIVE_SOURCES = ['fit', 'stored', 'none'] as const;
export type PAliveSource = (typeof P_ALIVE_SOURCES)[number];

export interface ChurnRunParams {
  pAlive: PAliveSource;
}

export const CHURN_DEFAULT_PARAMS: ChurnRunParams = { pAlive: 'fit' };
const CHURN_LOCK_KEY = 727_372_103;

function parseParams(raw: unknown): ChurnRunParams {
  const { pAlive = CHURN_DEFAULT_PARAMS.pAlive } = paramsRecord(raw, Object.keys(CHURN_DEFAULT_PARAMS));
  if (typeof pAlive !== 'string' || !(P_ALIVE_SOURCES as readonly string[]).includes(pAlive)) throw invalidParam('pAlive', P_ALIVE_SOURCES.join(', '));
  return { pAlive: pAlive as PAliveSource };
}

/** The CLV summary (weeks) of a customer with purchases. */
function clvSummary(row: ChurnInputRow, today: number): ClvCustomerSummary | null {
  if (row.frequency === null || row.firstDay === null || row.lastDay === null) return null;
  return { customer: String(row.customerId), frequency: row.frequency, recency: (row.lastDay - row.firstDay) / 7, T: (today - row.firstDay) / 7, monetary: 0 };
}

/** BG/NBD on the purchasing customers; null (signals only) when the data cannot support a fit. */
function fitOrNull(summaries: ClvCustomerSummary[]): BgNbdFit | null {
  try {
    assertFittable(summaries);
    return fitBgNbd(summaries);
  } catch (error) {
    if (error instanceof AnalysisInputError) return null;
    throw error;
  }
}

function signalsOf(row: ChurnInputRow, today: number, pAlive: number | null): ChurnSignals {
  const purchased = row.lastDay !== null && row.firstDay !== null && row.frequency !== null;
  return {
    pAlive,
    interactionsCurrent: row.interactionsCurrent,
    interactionsPrevious: row.interactionsPrevious,
    daysSinceLastPurchase: purchased ? Math.max(0, today - row.lastDay!) : null,
    // The customer's own average interval between purchase days (as customer_traits keeps it).
    usualPurchaseIntervalDays: purchased && row.frequency! > 0 ? (row.lastDay! - row.firstDay!) / row.frequency! : null,
    daysSinceLastActivity: row.daysSinceLastActivity,
  };
}

function countBy<T extends string>(values: Iterable<T>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/**
 * Churn risk of every customer with purchases or behaviour: P(alive) (see ChurnRunParams) combined
 * with the traits' behaviour signals by the pure `churnRisk`, stored set-based.
 */
export const churnRunner: ModelRunner<ChurnRunParams> = {
  model: 'churn',
  parseParams,
  nightlyParams: () => CHURN_DEFAULT_PARAMS,
  async run(deps, params, progress) {
    const now = deps.clock.now();
    const today = shanghaiDay(null, now);
    const rows = await readChurnInputs(deps.db, now);
    if (rows.length === 0) throw new AnalysisInputError('too little data: no customer has orders or behaviour to judge churn from', 'analysis.too_little_data');
    await progress(0.3);
    const summaries = rows.map((row) => clvSummary(row, today));
    const fit = params.pAlive === 'fit' ? fitOrNull(summaries.filter((s) => s !== null)) : null;
    const pAliveOf = (row: ChurnInputRow, i: number): number | null => {
      if (params.pAlive === 'stored') return row.storedPAlive;
      const summary = summaries[i];
      return fit === null || summary === null || summary === undefined ? null : probabilityAlive(fit, summary);
    };
    const risks = rows.map((row, i) => churnRisk(signalsOf(row, today, pAliveOf(row, i))));
    await progress(0.7);
    const stored = await deps.db.tx(async (sql) => {
      await lockModel(sql, CHURN_LOCK_KEY);
      return storeChurnRisks(sql, rows.map((r) => r.customerId), risks, now);
    });
    return {
      pAlive: params.pAlive,
      bgnbd: fit === null ? null : { r: fit.r, alpha: fit.alpha, a: fit.a, b: fit.b },
      customers: rows.length,
      ...stored,
      byLevel: { low: 0, medium: 0, high: 0, ...countBy(risks.map((r) => r.level)) },
      byReason: countBy(risks.flatMap((r) => r.reasons)),
    };
  },
};
