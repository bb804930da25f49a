export * from './field-definition.js';
export { coerceFieldValue, hasControlCharacters, type StoredValue } from './field-values.js';
export { loadFieldDefinitions, visibleFields, type VisibleField, CUSTOM_PREFIX } from './field-catalogue.js';
export { RecordQueryCompiler, type Filter, type ListParams, type RowScope } from './record-query.js';
export { RecordService, type ListResult, TOTAL_CAP } from './record-service.js';
export type { RecordDto } from './record-mapper.js';
export { exportCsv, prepareCsvExport, csvCell, type CsvExport } from './record-export.js';
export { CustomFieldService, type CustomFieldDto, type CustomFieldInput } from './custom-field-service.js';
export { auditEntry, auditValue, type RecordDeps, type RequestContext } from './record-context.js';
