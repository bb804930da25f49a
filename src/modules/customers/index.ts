export { customerRoutes, parseFilters } from './customer-routes.js';
export { customerObject, customerEncryptedColumns, LEVEL_OPTIONS, SOURCE_OPTIONS, INDUSTRY_OPTIONS } from './customer-object.js';
export { normalizeMobile, normalizeEmail, normalizeIdNumber } from './customer-normalizers.js';
export { sealLegacyAddresses } from './legacy-addresses.js';
