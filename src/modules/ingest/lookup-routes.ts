import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors/index.js';
import { type AppDeps, requestContext, withErrors } from '../../platform/http/index.js';
import { RecordService } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { isBlockedIdentifier } from './blocked-values.js';
import { IDENTIFIER_TYPE_PATTERN } from './identity-rules.js';
import { type Identifier, IDENTIFIER_TYPES, type IdentifierType, normalizeIdentifierValue } from './identifier-extraction.js';
import { findCustomerByIdentifier } from './identity-repository.js';
import { identifierHash } from './identity-resolver.js';

const LookupQuery = Type.Object(
  {
    type: Type.String({ pattern: IDENTIFIER_TYPE_PATTERN, description: `${IDENTIFIER_TYPES.join(', ')} or a custom type of the identity rules` }),
    value: Type.String({ minLength: 1, maxLength: 255 }),
  },
  { additionalProperties: false },
);
const Customer = Type.Object({ id: Type.Integer() }, { additionalProperties: true, description: 'Customer: visible fields only; sensitive values masked' });

function normalized(type: IdentifierType, value: string): Identifier | null {
  if (isBlockedIdentifier(value)) return null;
  const clean = normalizeIdentifierValue(type, value);
  return clean === null ? null : { type, value: clean };
}

/** GET /api/customers/lookup: the customer holding an identifier, as the record layer shows it to the caller. */
export function lookupRoutes(app: FastifyInstance, deps: AppDeps): void {
  const records = new RecordService(deps, customerObject);
  app.get<{ Querystring: typeof LookupQuery.static }>('/api/customers/lookup', { schema: { tags: ['customers'], summary: 'Find a customer by an identifier (userId, anonymousId, mobile, email, WeCom/WeChat ids, custom types)', querystring: LookupQuery, response: withErrors({ 200: Customer }) } }, async (request) => {
    const ctx = await requestContext(request, deps);
    const identifier = normalized(request.query.type, request.query.value);
    const customerId = identifier && (await findCustomerByIdentifier(deps.db, { type: identifier.type, hash: identifierHash(deps.keyring, identifier) }));
    if (!customerId) throw new AppError('record.not_found');
    return records.get(ctx, customerId);
  });
}
