import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { appendAudit } from '../../platform/audit/index.js';
import { AppError } from '../../platform/errors/index.js';
import { type AppDeps, requestContext, withErrors } from '../../platform/http/index.js';
import { auditEntry, type RequestContext } from '../../platform/records/index.js';
import { eraseCustomer } from './erasure.js';
import { exportPersonalData } from './personal-data-export.js';
import { KEEP_DAYS_MAX, KEEP_DAYS_MIN, RETENTION_DATA_TYPES, readRetentionRules, type RetentionDataType, writeRetentionRule } from './retention.js';

const CustomerIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false });
const EraseBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500, description: 'Why (request ticket, legal basis); kept in the audit log' }) }, { additionalProperties: false });
const ErasureDto = Type.Object({
  customerId: Type.Integer(),
  identifiersDeleted: Type.Integer(),
  erasedIdentifiers: Type.Integer(),
  eventsCleared: Type.Integer(),
  ordersKept: Type.Integer(),
  consentWithdrawals: Type.Integer(),
});
const DataType = Type.Unsafe<RetentionDataType>({ type: 'string', enum: [...RETENTION_DATA_TYPES] });
const RuleDto = Type.Object({ dataType: DataType, keepDays: Type.Integer(), updatedAt: Type.Union([Type.String(), Type.Null()]) });
const RulesDto = Type.Object({ items: Type.Array(RuleDto) });
const RulesBody = Type.Object(
  { items: Type.Array(Type.Object({ dataType: DataType, keepDays: Type.Integer({ minimum: KEEP_DAYS_MIN, maximum: KEEP_DAYS_MAX }) }, { additionalProperties: false }), { minItems: 1, maxItems: 10 }) },
  { additionalProperties: false },
);

function requireAdmin(ctx: RequestContext): void {
  if (!ctx.access.isAdmin) throw new AppError('permission.denied');
}

/** Personal-data rights: export, erasure, retention rules (see README.md). */
export function privacyRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['privacy'];

  app.get<{ Params: typeof CustomerIdParams.static }>(
    '/api/customers/:id/personal-data',
    { schema: { tags, summary: 'Export all personal data of one customer as JSON (PIPL/GDPR; clear values; audited)', params: CustomerIdParams, response: withErrors({}) } },
    async (request, reply) => {
      const ctx = await requestContext(request, deps);
      const document = await exportPersonalData(deps, ctx, request.params.id);
      reply.header('Content-Disposition', `attachment; filename="personal-data-${request.params.id}.json"`);
      reply.header('Cache-Control', 'no-store');
      reply.type('application/json; charset=utf-8');
      return reply.send(JSON.stringify(document));
    },
  );

  app.post<{ Params: typeof CustomerIdParams.static; Body: typeof EraseBody.static }>(
    '/api/customers/:id/erase',
    { schema: { tags, summary: 'Erase / anonymise one person everywhere, in one transaction (delete permission)', params: CustomerIdParams, body: EraseBody, response: withErrors({ 200: ErasureDto }) } },
    async (request) => {
      const ctx = await requestContext(request, deps);
      return eraseCustomer(deps, ctx, request.params.id, request.body.reason);
    },
  );

  // Admin routes: refuse non-admins before the body is validated (never a 400 revealing shapes).
  const adminOnly = async (request: FastifyRequest) => {
    requireAdmin(await requestContext(request, deps));
  };
  app.get('/api/admin/retention-rules', { preValidation: adminOnly, schema: { tags: ['admin'], summary: 'Retention rules (admin)', response: withErrors({ 200: RulesDto }) } }, async (request) => {
    requireAdmin(await requestContext(request, deps));
    return { items: await readRetentionRules(deps.db) };
  });

  app.put<{ Body: typeof RulesBody.static }>(
    '/api/admin/retention-rules',
    { preValidation: adminOnly, schema: { tags: ['admin'], summary: 'Change keep_days of retention rules (admin, 1–3650; audited)', body: RulesBody, response: withErrors({ 200: RulesDto }) } },
    async (request) => {
      const ctx = await requestContext(request, deps);
      requireAdmin(ctx);
      const now = deps.clock.now();
      await deps.db.tx(async (sql) => {
        for (const { dataType, keepDays } of request.body.items) {
          const old = await writeRetentionRule(sql, dataType, keepDays, ctx.access.actor.userId, now);
          if (old !== keepDays) await appendAudit(sql, [auditEntry(ctx, now, 'retention_rule.update', 'retention_rule', dataType, { keepDays: [old, keepDays] })]);
        }
      });
      return { items: await readRetentionRules(deps.db) };
    },
  );
}
