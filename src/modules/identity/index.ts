/** Pure cleaning core of the customer data center (DOMAIN §2 "Cleaning"). No I/O, no clock. */
export { companyMatchKey, LEGAL_SUFFIXES_LATIN, LEGAL_SUFFIXES_ZH, REGIONS } from './company-name.js';
export { CREDIT_CODE_CHARSET, type CreditCodeResult, creditCodeCheckChar, validateCreditCode } from './credit-code.js';
export { type EmailResult, normalizeEmail } from './email-normalizer.js';
export { type IdCardResult, idCardCheckChar, validateIdCard } from './id-card.js';
export {
  type LandlineResult,
  type MobileResult,
  normalizeChinaMobile,
  normalizeLandline,
  normalizePhone,
  type PhoneKind,
  type PhoneResult,
} from './phone-normalizer.js';
export { foldForMatching, TRADITIONAL_TO_SIMPLIFIED, toFullWidth, toHalfWidth, toSimplified } from './width-folding.js';
export * from './dedup/index.js';
export { type AddressWarning, formatAddress, type ParsedAddress, parseAddress } from './address/address-parser.js';
export { DIVISION_SOURCE } from './address/division-table.js';
export { DIVISIONS, type Division, type DivisionLevel, divisionPath, isMunicipality } from './address/divisions.js';
