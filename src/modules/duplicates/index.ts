/** Duplicate customer suggestions for review (DOMAIN §2): scan, queue, dismiss / accept (accept merges, via ingest). */
export { duplicateRoutes } from './duplicate-routes.js';
export { DuplicateService, type DuplicateDto, type DuplicateStatus } from './duplicate-service.js';
export { scanDuplicates, type ScanOptions, type ScanResult } from './scan.js';
export { CUSTOMER_MATCH_SCHEMA, type CustomerMatchRow, isOrganisationName, matchValues, toDedupRecord } from './customer-match.js';
export { GIVEN_PINYIN, type ParsedName, parseName, SURNAME_PINYIN } from './chinese-names.js';
