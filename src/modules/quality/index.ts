/** Data quality of customer records: flags kept beside the values, and the report (DOMAIN §2). */
export { qualityRoutes } from './quality-routes.js';
export { QualityService } from './quality-service.js';
export { QUALITY_JOB, qualityRecomputeJob, qualitySchedule, recomputeQuality, refreshQualityFlags, refreshQualityRange, type QualityDeps } from './quality-recompute.js';
export { QUALITY_HANDLER, QUALITY_TOPICS, qualitySubscription } from './quality-subscription.js';
export { customerQualityFlags, QUALITY_FIELDS, type CustomerValues, type QualityField, type QualityFlag, type QualityIssue } from './quality-rules.js';
export { buildQualityReport, type FieldQuality, type QualityReport } from './quality-report.js';
