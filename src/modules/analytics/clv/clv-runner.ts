import type { ModelRunner } from '../runs/model-runner.js';
import { lockModel } from '../runs/runner-batches.js';
import { dateParam, endOfShanghaiDay, numberParam, paramsRecord, shanghaiDay } from '../runs/runner-params.js';
import { conditionalExpectedPurchases } from './bgnbd.js';
import { runClvModel } from './clv-model.js';
import { readClvSummaries, storeClvScores } from './clv-repository.js';
import { DAYS_PER_TIME_UNIT } from './clv-summary.js';
import { valueHistogram } from './clv-value-histogram.js';

export interface ClvRunParams {
  /** YYYY-MM-DD (Asia/Shanghai): orders up to the end of that day; null = up to the run's start. */
  calibrationEnd: string | null;
  /** Horizon of clv_expected_purchases, in weeks. */
  horizonWeeks: number;
  /** Monthly discount rate of clv_value_12m. */
  discountRate: number;
}

export const CLV_DEFAULT_PARAMS: ClvRunParams = { calibrationEnd: null, horizonWeeks: 52, discountRate: 0.01 };
const CLV_LOCK_KEY = 727_372_102;

function parseParams(raw: unknown): ClvRunParams {
  const input = paramsRecord(raw, Object.keys(CLV_DEFAULT_PARAMS));
  return {
    calibrationEnd: dateParam(input, 'calibrationEnd'),
    horizonWeeks: numberParam(input, 'horizonWeeks', CLV_DEFAULT_PARAMS.horizonWeeks, 1, 520, true),
    discountRate: numberParam(input, 'discountRate', CLV_DEFAULT_PARAMS.discountRate, 0, 0.5),
  };
}

const round = (x: number, digits = 6) => Number(x.toPrecision(digits));

/**
 * CLV on the database's orders: per-customer summaries in weeks (one streamed statement), BG/NBD +
 * Gamma-Gamma fitted by the pure core, every customer scored and stored set-based. Too little data
 * fails the run with `analysis.too_little_data`.
 */
export const clvRunner: ModelRunner<ClvRunParams> = {
  model: 'clv',
  parseParams,
  nightlyParams: () => CLV_DEFAULT_PARAMS,
  async run(deps, params, progress) {
    const now = deps.clock.now();
    const endDay = shanghaiDay(params.calibrationEnd, now);
    const end = params.calibrationEnd === null ? now : endOfShanghaiDay(endDay);
    const summaries = await readClvSummaries(deps.db, end, endDay, DAYS_PER_TIME_UNIT.week);
    await progress(0.2);
    const model = runClvModel(summaries, { horizonMonths: 12, monthlyDiscountRate: params.discountRate, timeUnit: 'week' });
    const scores = model.customers.map((s) => ({ ...s, expectedPurchases: conditionalExpectedPurchases(model.bgnbd, params.horizonWeeks, s) }));
    await progress(0.7);
    const stored = await deps.db.tx(async (sql) => {
      await lockModel(sql, CLV_LOCK_KEY);
      return storeClvScores(sql, scores, now);
    });
    const { r, alpha, a, b, logLik } = model.bgnbd;
    const { p, q, v } = model.gammaGamma;
    return {
      calibrationEnd: end.toISOString(),
      horizonWeeks: params.horizonWeeks,
      discountRate: params.discountRate,
      bgnbd: { r: round(r), alpha: round(alpha), a: round(a), b: round(b), logLik: round(logLik, 10) },
      gammaGamma: { p: round(p), q: round(q), v: round(v), customers: model.gammaGamma.customers },
      customers: summaries.length,
      repeatBuyers: summaries.filter((s) => s.frequency > 0).length,
      ...stored,
      totalValue12m: Number(scores.reduce((sum, s) => sum + s.clv, 0).toFixed(2)),
      value12mBuckets: valueHistogram(scores.map((s) => s.clv)),
    };
  },
};
