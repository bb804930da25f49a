import { AnalysisInputError } from '../analysis-input.js';
import { rocAuc } from '../logistic/auc.js';
import { fitLogistic, type LogisticFit } from '../logistic/logistic-regression.js';
import type { ModelRunner } from '../runs/model-runner.js';
import { lockModel } from '../runs/runner-batches.js';
import { invalidParam, paramsRecord } from '../runs/runner-params.js';
import { DEFAULT_LEAD_SCORING } from './default-lead-scoring.js';
import { type LeadScore, scoreLead } from './lead-scoring.js';
import { booleanCustomFieldColumn, readLeadInputs, storeLeadScores } from './leadscore-repository.js';

export interface LeadscoreRunParams {
  /** `has_paid_order`, or `field:<key>` of a boolean custom field of customers. */
  target: string;
}

export const LEADSCORE_DEFAULT_PARAMS: LeadscoreRunParams = { target: 'has_paid_order' };
/** Dimensions that read purchases: left out of the model when the target is having bought (they would be the answer). */
const PURCHASE_DIMENSIONS = new Set(['purchaseHistory', 'recency']);
const MINIMUM_PER_CLASS = 5;
const LEADSCORE_LOCK_KEY = 727_372_105;

function parseParams(raw: unknown): LeadscoreRunParams {
  const { target = LEADSCORE_DEFAULT_PARAMS.target } = paramsRecord(raw, Object.keys(LEADSCORE_DEFAULT_PARAMS));
  if (typeof target !== 'string' || !(target === 'has_paid_order' || /^field:[a-z][a-z0-9_]*$/.test(target))) throw invalidParam('target', 'has_paid_order or field:<boolean custom field key>');
  return { target };
}

interface LeadModel {
  fit: LogisticFit;
  auc: number;
}

/** Logistic regression of the target on the dimensions' points (constant ones dropped); null with a reason when it cannot be fitted. */
function fitLeadModel(scores: LeadScore[], target: Uint8Array, leaveOut: ReadonlySet<string>): LeadModel | string {
  const positives = target.reduce((n, y) => n + y, 0);
  if (Math.min(positives, target.length - positives) < MINIMUM_PER_CLASS) return `need at least ${MINIMUM_PER_CLASS} customers with and without the target (have ${positives} / ${target.length - positives})`;
  const keys = DEFAULT_LEAD_SCORING.dimensions.map((d) => d.key).filter((key) => !leaveOut.has(key));
  const columns = keys.map((_, j) => Float64Array.from(scores, (s) => s.dimensions.find((d) => d.key === keys[j])!.points));
  const varying = keys.map((key, j) => ({ key, column: columns[j]! })).filter(({ column }) => column.some((v) => v !== column[0]));
  if (varying.length === 0) return 'no dimension varies between customers';
  try {
    const fit = fitLogistic({ names: varying.map((v) => v.key), columns: varying.map((v) => v.column), target });
    return { fit, auc: rocAuc(fit.probabilities, target) };
  } catch (error) {
    if (error instanceof AnalysisInputError) return error.message;
    throw error;
  }
}

function countGrades(scores: LeadScore[]): Record<string, number> {
  const counts: Record<string, number> = { A: 0, B: 0, C: 0, D: 0 };
  for (const s of scores) counts[s.grade]!++;
  return counts;
}

/**
 * Lead scoring of every customer: rule points and grade from the default rules (pure scoreLead) on
 * the profile, traits and orders; plus, when the target has both outcomes, a fitted logistic model
 * whose probability is stored as lead_probability.
 */
export const leadscoreRunner: ModelRunner<LeadscoreRunParams> = {
  model: 'leadscore',
  parseParams,
  nightlyParams: () => LEADSCORE_DEFAULT_PARAMS,
  async run(deps, params, progress) {
    const now = deps.clock.now();
    const fieldKey = params.target.startsWith('field:') ? params.target.slice('field:'.length) : null;
    const column = fieldKey === null ? null : await booleanCustomFieldColumn(deps.db, fieldKey);
    if (fieldKey !== null && column === null) throw invalidParam('target', `no boolean custom field "${fieldKey}" on customers`);
    const { customerIds, leads, target } = await readLeadInputs(deps.db, now, column);
    if (customerIds.length === 0) throw new AnalysisInputError('too little data: there are no customers to score', 'analysis.too_little_data');
    await progress(0.3);
    const scores = leads.map((lead) => scoreLead(lead, DEFAULT_LEAD_SCORING));
    const model = fitLeadModel(scores, target, column === null ? PURCHASE_DIMENSIONS : new Set());
    await progress(0.7);
    const fitted = typeof model === 'string' ? null : model;
    const stored = await deps.db.tx(async (sql) => {
      await lockModel(sql, LEADSCORE_LOCK_KEY);
      const probabilities = fitted === null ? customerIds.map(() => null) : Array.from(fitted.fit.probabilities);
      return storeLeadScores(sql, customerIds, { points: scores.map((s) => Math.round(s.total)), grades: scores.map((s) => s.grade), probabilities }, now);
    });
    return {
      target: params.target,
      customers: customerIds.length,
      positives: target.reduce((n, y) => n + y, 0),
      ...stored,
      grades: countGrades(scores),
      model:
        fitted === null
          ? null
          : { names: fitted.fit.names, coefficients: Array.from(fitted.fit.coefficients), standardErrors: Array.from(fitted.fit.standardErrors), pValues: Array.from(fitted.fit.pValues), logLik: fitted.fit.logLik, auc: fitted.auc, n: fitted.fit.n },
      modelSkipped: typeof model === 'string' ? model : null,
    };
  },
};
