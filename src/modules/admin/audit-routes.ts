import type { FastifyInstance } from 'fastify';
import { sealAllPendingAudit, verifyAudit } from '../../platform/audit/index.js';
import { type AppDeps, withErrors } from '../../platform/http/index.js';
import { adminContext } from './admin-access.js';
import { LIST_ERRORS } from './admin-schemas.js';
import { searchAudit } from './audit-repository.js';
import { AuditPage, AuditQuery, AuditVerification } from './audit-schemas.js';

/** GET /api/admin/audit (filtered, paginated, newest first) and GET /api/admin/audit/verify. */
export function auditRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['admin'];

  app.get<{ Querystring: AuditQuery }>('/api/admin/audit', { schema: { tags, summary: 'The audit log, newest first, filtered by action, actor, object or record', querystring: AuditQuery, response: withErrors({ 200: AuditPage }, LIST_ERRORS) } }, async (request) => {
    await adminContext(request, deps);
    await sealAllPendingAudit(deps.db); // queued entries (tracking ingest) show at once
    return searchAudit(deps.db, request.query);
  });

  app.get('/api/admin/audit/verify', { schema: { tags, summary: 'Recompute the hash chain of the whole audit log', response: withErrors({ 200: AuditVerification }, LIST_ERRORS) } }, async (request) => {
    await adminContext(request, deps);
    await sealAllPendingAudit(deps.db);
    return verifyAudit(deps.db);
  });
}
