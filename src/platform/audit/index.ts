export { appendAudit, verifyAudit, type VerifyResult } from './audit-log.js';
export { canonicalJson, chainHash, type AuditEntry } from './audit-chain.js';
export { queueAudit, sealAllPendingAudit, sealPendingAudit } from './audit-pending.js';
