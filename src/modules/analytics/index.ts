export { ANALYSES } from './analyses.js';
export { AnalysisInputError, tableFromRows, type Analysis, type AnalysisFlags, type AnalysisTable } from './analysis-input.js';
export { associationRules, type AssociationRule, type BasketOptions, type BasketRules } from './basket/association-rules.js';
export { recommendItems, type Recommendation } from './basket/basket-recommendations.js';
export { rocAuc } from './logistic/auc.js';
export { type EncodedDesign, encodeDesign, parseBinaryCell } from './logistic/design-matrix.js';
export { fitLogistic, type LogisticFit, type LogisticInput, type LogisticOptions } from './logistic/logistic-regression.js';
export { type Grade, type GradeCutoffs, gradeOf, quartileCutoffs } from './logistic/probability-grades.js';
