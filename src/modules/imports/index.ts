export { importRoutes, CSV_TYPE, XLSX_TYPE, MAX_FILE_BYTES } from './import-routes.js';
export { ImportService, readRows, type ImportOptions, type ImportResult, type ImportCounts, type ImportFormat, type ImportMode } from './import-service.js';
export { parseCsv, writeCsv, csvCell } from './csv.js';
export { readXlsx } from './xlsx-reader.js';
export { suggestMapping, matchOption, parseMapping, type ColumnMapping } from './mapping.js';
export type { DuplicateMode } from './duplicate-plan.js';
export type { RowError } from './row-validation.js';
export { findJob as findImportJob, type ImportJob } from './import-repository.js';
