export { appendAudit, verifyAudit, type VerifyResult } from './audit-log.js';
export { canonicalJson, chainHash, type AuditEntry } from './audit-chain.js';
