import { AppError } from '../../../platform/errors/index.js';
import type { ModelRunner } from '../runs/model-runner.js';
import { computeRfm, rfmSegmentTotals } from './rfm-repository.js';
import { QUANTILE_METHODS, type QuantileMethod } from './rfm-scoring.js';

export interface RfmRunParams {
  /** YYYY-MM-DD (end of that day, Asia/Shanghai) or an ISO instant; default: the run's start. */
  asOf: string | null;
  /** Orders of the last N days only; null = all history. */
  windowDays: number | null;
  method: QuantileMethod;
}

export const RFM_DEFAULT_PARAMS: RfmRunParams = { asOf: null, windowDays: 365, method: 'type7' };
/** Serialises RFM runs: two at once would fight over the same customer_scores rows. */
const RFM_LOCK_KEY = 727_372_101;

function invalid(name: string, reason: string): AppError {
  return new AppError('field.invalid_value', { field: `params.${name}`, params: { field: `params.${name}`, reason } });
}

/** A date (end of that day in Asia/Shanghai, UTC+8) or an instant. */
export function asOfInstant(asOf: string | null, now: Date): Date {
  if (asOf === null) return now;
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return new Date(`${asOf}T23:59:59.999+08:00`);
  return new Date(asOf);
}

function parseParams(raw: unknown): RfmRunParams {
  const input = (raw ?? {}) as Record<string, unknown>;
  if (typeof input !== 'object' || Array.isArray(input)) throw invalid('', 'an object expected');
  for (const key of Object.keys(input)) if (!(key in RFM_DEFAULT_PARAMS)) throw invalid(key, 'unknown parameter');
  const { asOf = RFM_DEFAULT_PARAMS.asOf, windowDays = RFM_DEFAULT_PARAMS.windowDays, method = RFM_DEFAULT_PARAMS.method } = input;
  if (asOf !== null && (typeof asOf !== 'string' || Number.isNaN(asOfInstant(asOf, new Date(0)).getTime()))) throw invalid('asOf', 'YYYY-MM-DD or an ISO 8601 instant');
  if (windowDays !== null && (typeof windowDays !== 'number' || !Number.isInteger(windowDays) || windowDays < 1 || windowDays > 36_500)) throw invalid('windowDays', 'whole days 1–36500, or null for all history');
  if (typeof method !== 'string' || !(QUANTILE_METHODS as readonly string[]).includes(method)) throw invalid('method', QUANTILE_METHODS.join(' or '));
  return { asOf: asOf as string | null, windowDays: windowDays as number | null, method: method as QuantileMethod };
}

/** RFM as an analysis run: one statement scores everyone and stores it; the summary has the segment totals. */
export const rfmRunner: ModelRunner<RfmRunParams> = {
  model: 'rfm',
  parseParams,
  nightlyParams: () => RFM_DEFAULT_PARAMS,
  async run(deps, params, progress) {
    const now = deps.clock.now();
    const asOf = asOfInstant(params.asOf, now);
    await progress(0.05);
    const result = await deps.db.tx(async (sql) => {
      await sql.query('SELECT pg_advisory_xact_lock($1)', [RFM_LOCK_KEY]);
      return computeRfm(sql, { asOf, windowDays: params.windowDays, method: params.method, now });
    });
    await progress(0.9);
    const segments = await rfmSegmentTotals(deps.db);
    return { asOf: asOf.toISOString(), windowDays: params.windowDays, method: params.method, scored: result.scored, cleared: result.cleared, breaks: result.breaks, segments };
  },
};
