import { AnalysisInputError } from '../analysis-input.js';
import type { ModelRunner } from '../runs/model-runner.js';
import { lockModel } from '../runs/runner-batches.js';
import { invalidParam, numberParam, paramsRecord } from '../runs/runner-params.js';
import { associationRules } from './association-rules.js';
import { type ItemKind, readBaskets, replaceCrossSellRules } from './cross-sell-repository.js';

export interface BasketRunParams {
  itemKind: ItemKind;
  minSupport: number;
  minConfidence: number;
  /** Items in antecedent + consequent: 2 (A ⇒ B) up to this. */
  maxLength: number;
  /** Orders of the last N days only; null = all history. */
  windowDays: number | null;
}

export const BASKET_DEFAULT_PARAMS: BasketRunParams = { itemKind: 'sku', minSupport: 0.01, minConfidence: 0.2, maxLength: 3, windowDays: 365 };
const MINIMUM_BASKETS = 10;
const BASKET_LOCK_KEY = 727_372_106;

function parseParams(raw: unknown): BasketRunParams {
  const input = paramsRecord(raw, Object.keys(BASKET_DEFAULT_PARAMS));
  const { itemKind = BASKET_DEFAULT_PARAMS.itemKind, windowDays = BASKET_DEFAULT_PARAMS.windowDays } = input;
  if (itemKind !== 'sku' && itemKind !== 'category') throw invalidParam('itemKind', 'sku or category');
  if (windowDays !== null && (typeof windowDays !== 'number' || !Number.isInteger(windowDays) || windowDays < 1 || windowDays > 36_500)) throw invalidParam('windowDays', 'whole days 1–36500, or null for all history');
  return {
    itemKind,
    // Below 0.001 the number of itemsets explodes on a real catalogue.
    minSupport: numberParam(input, 'minSupport', BASKET_DEFAULT_PARAMS.minSupport, 0.0001, 1),
    minConfidence: numberParam(input, 'minConfidence', BASKET_DEFAULT_PARAMS.minConfidence, 0, 1),
    maxLength: numberParam(input, 'maxLength', BASKET_DEFAULT_PARAMS.maxLength, 2, 5, true),
    windowDays: windowDays as number | null,
  };
}

/**
 * Association rules on purchased orders (baskets of distinct skus or categories) by the pure Eclat
 * core, stored in cross_sell_rules (replacing the previous run's) for "bought A, not B".
 */
export const basketRunner: ModelRunner<BasketRunParams> = {
  model: 'basket',
  parseParams,
  nightlyParams: () => BASKET_DEFAULT_PARAMS,
  async run(deps, params, progress) {
    const now = deps.clock.now();
    const since = params.windowDays === null ? null : new Date(now.getTime() - params.windowDays * 86_400_000);
    const baskets = await readBaskets(deps.db, params.itemKind, since);
    if (baskets.length < MINIMUM_BASKETS) throw new AnalysisInputError(`too little data: ${baskets.length} purchased orders with lines, at least ${MINIMUM_BASKETS} are needed`, 'analysis.too_little_data');
    await progress(0.3);
    const result = associationRules(baskets, { minSupport: params.minSupport, minConfidence: params.minConfidence, minLength: 2, maxLength: params.maxLength });
    await progress(0.7);
    await deps.db.tx(async (sql) => {
      await lockModel(sql, BASKET_LOCK_KEY);
      await replaceCrossSellRules(sql, result.rules, params.itemKind, deps.runId ?? null, now);
    });
    return {
      ...params,
      transactions: result.transactions,
      items: result.items,
      rules: result.rules.length,
      topRules: result.rules.slice(0, 20).map(({ antecedent, consequent, support, confidence, lift, count }) => ({ antecedent, consequent, support, confidence, lift, count })),
    };
  },
};
