export { ANALYSES } from './analyses.js';
export { AnalysisInputError, tableFromRows, type Analysis, type AnalysisFlags, type AnalysisTable } from './analysis-input.js';
