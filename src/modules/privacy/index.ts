export { privacyRoutes } from './privacy-routes.js';
export { anyErased, ERASED_TYPES, type ErasedType, erasedHash, findErased, normalizeErased, wasErased } from './erased-identifiers.js';
export { ERASED_NAME, type ErasureResult, eraseCustomer } from './erasure.js';
export { EXPORT_FORMAT, exportPersonalData } from './personal-data-export.js';
export {
  applyRetention,
  RETENTION_BATCH,
  RETENTION_DATA_TYPES,
  type RetentionDataType,
  type RetentionRule,
  readRetentionRules,
  retentionJob,
  retentionSchedule,
} from './retention.js';
