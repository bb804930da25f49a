import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, requestContext, withErrors } from '../../platform/http/index.js';
import { IDENTIFIER_TYPE_PATTERN } from './identity-rules.js';
import { IdentityRulesService } from './identity-rules-service.js';

const Blocked = Type.Array(Type.String({ maxLength: 200 }), { maxItems: 200 });
const Limit = Type.Union([Type.Integer({ minimum: 1, maximum: 1000 }), Type.Null()], { description: 'values of this type one customer may hold; null = unlimited' });
const Priority = Type.Integer({ minimum: 1, maximum: 1000, description: '1 = strongest; unique per type' });

const RuleInput = Type.Object(
  {
    type: Type.String({ pattern: IDENTIFIER_TYPE_PATTERN, description: 'built-in type or a custom one (a letter, then letters, digits, _)' }),
    label: Type.Optional(Type.String({ maxLength: 100 })),
    maxPerCustomer: Limit,
    priority: Priority,
    blockedValues: Type.Optional(Blocked),
  },
  { additionalProperties: false },
);
const RulesBody = Type.Object({ rules: Type.Array(RuleInput, { minItems: 1, maxItems: 50 }), blockedValues: Blocked }, { additionalProperties: false });
const RulesDto = Type.Object({
  rules: Type.Array(Type.Object({ type: Type.String(), label: Type.String(), builtin: Type.Boolean(), maxPerCustomer: Limit, priority: Priority, blockedValues: Type.Array(Type.String()) })),
  blockedValues: Type.Array(Type.String()),
});

/** GET/PUT /api/identity/rules (admin): limits per identifier type, priority order, blocked values. */
export function identityRulesRoutes(app: FastifyInstance, deps: AppDeps): void {
  const service = new IdentityRulesService(deps);
  const tags = ['identity'];
  app.get('/api/identity/rules', { schema: { tags, summary: 'Identity resolution rules (admin)', response: withErrors({ 200: RulesDto }) } }, async (request) => service.get(await requestContext(request, deps)));
  app.put<{ Body: typeof RulesBody.static }>(
    '/api/identity/rules',
    { schema: { tags, summary: 'Replace the identity resolution rules (admin, audited; applies to the next batch)', body: RulesBody, response: withErrors({ 200: RulesDto }) } },
    async (request) => service.replace(await requestContext(request, deps), request.body),
  );
}
