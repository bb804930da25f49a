import { type Analysis, AnalysisInputError, type AnalysisFlags, type AnalysisTable, columnListFlag, requireColumn, stringFlag } from '../analysis-input.js';
import { RULE_SCORING_USAGE, scoreTableByRules } from '../leadscore/rule-scoring-analysis.js';
import { rocAuc } from './auc.js';
import { encodeDesign } from './design-matrix.js';
import { fitLogistic } from './logistic-regression.js';
import { type Grade, gradeOf, quartileCutoffs } from './probability-grades.js';

/**
 * `relata analyze leadscore|churn --target COL --features a,b,c [--id COL]`: a logistic regression of
 * the 0/1 target on the features (categorical ones one-hot encoded, first level the reference), with
 * Wald statistics, log-likelihood and in-sample AUC. `leadscore` adds A/B/C/D grades cut at the
 * quartiles of the predicted probability; with `--id` both list each row's probability.
 * `leadscore --rules default` scores rows with the rule-based points instead (leadscore/).
 */
const USAGE = [
  '--target COL        0/1 outcome (1/0, true/false, yes/no); rows with an empty cell are dropped',
  '--features a,b,c    predictors; a column with any non-numeric value is categorical (first level = reference)',
  '--id COL            optional: list each row with its id and predicted probability',
].join('\n');

const record = (names: string[], values: ArrayLike<number>) => Object.fromEntries(names.map((name, j) => [name, values[j]!]));

function fitTable(table: AnalysisTable, flags: AnalysisFlags) {
  const targetFlag = stringFlag(flags, 'target');
  if (targetFlag === undefined) throw new AnalysisInputError('--target is required (the 0/1 outcome column)');
  const target = requireColumn(table, flags, 'target', targetFlag);
  const features = columnListFlag(table, flags, 'features');
  const id = stringFlag(flags, 'id') === undefined ? undefined : requireColumn(table, flags, 'id', 'id');
  const design = encodeDesign(table.rows, target, features);
  const fit = fitLogistic(design);
  const ids = id === undefined ? undefined : design.rowIndexes.map((i) => table.rows[i]![id]!);
  const summary = {
    target,
    n: fit.n,
    dropped: design.dropped,
    coefficients: record(fit.names, fit.coefficients),
    standardErrors: record(fit.names, fit.standardErrors),
    zValues: record(fit.names, fit.zValues),
    pValues: record(fit.names, fit.pValues),
    logLik: fit.logLik,
    deviance: fit.deviance,
    nullDeviance: fit.nullDeviance,
    aic: fit.deviance + 2 * fit.names.length,
    auc: rocAuc(fit.probabilities, design.target),
    iterations: fit.iterations,
    levels: design.levels,
  };
  return { summary, probabilities: fit.probabilities, ids };
}

export const churnAnalysis: Analysis = {
  usage: USAGE,
  run(table, flags) {
    const { summary, probabilities, ids } = fitTable(table, flags);
    if (ids === undefined) return summary;
    return { ...summary, scores: ids.map((id, k) => ({ id, probability: probabilities[k]! })) };
  },
};

export const leadScoreAnalysis: Analysis = {
  usage: `${USAGE}\ngrades: A ≥ 75th percentile of the predicted probability, B ≥ median, C ≥ 25th percentile, D below\n${RULE_SCORING_USAGE}`,
  run(table, flags) {
    if (flags.rules !== undefined) return scoreTableByRules(table, flags);
    const { summary, probabilities, ids } = fitTable(table, flags);
    const cutoffs = quartileCutoffs(probabilities);
    const grades = Array.from(probabilities, (p) => gradeOf(p, cutoffs));
    const counts: Record<Grade, number> = { A: 0, B: 0, C: 0, D: 0 };
    for (const grade of grades) counts[grade]++;
    const result = { ...summary, grades: { cutoffs, counts } };
    if (ids === undefined) return result;
    return { ...result, scores: ids.map((id, k) => ({ id, probability: probabilities[k]!, grade: grades[k]! })) };
  },
};
