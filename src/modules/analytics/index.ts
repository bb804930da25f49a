export { ANALYSES } from './analyses.js';
export { AnalysisInputError, tableFromRows, type Analysis, type AnalysisFlags, type AnalysisTable } from './analysis-input.js';
export { associationRules, type AssociationRule, type BasketOptions, type BasketRules } from './basket/association-rules.js';
export { recommendItems, type Recommendation } from './basket/basket-recommendations.js';
