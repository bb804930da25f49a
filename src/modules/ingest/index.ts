import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/http/index.js';
import { identityRulesRoutes } from './identity-rules-routes.js';
import { lookupRoutes } from './lookup-routes.js';
import { mergeRoutes } from './merge-routes.js';
import { sourceRoutes } from './source-routes.js';
import { trackingRoutes } from './tracking-routes.js';

/**
 * The tracking API (Segment spec) under /v1, tracking sources under /api/sources and the customer
 * lookup by identifier. The tracking routes sit in their own scope (their text/plain parser stays there).
 */
export async function ingestRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  sourceRoutes(app, deps);
  lookupRoutes(app, deps);
  mergeRoutes(app, deps);
  identityRulesRoutes(app, deps);
  await app.register(async (scope) => trackingRoutes(scope, deps));
}

export { IngestService } from './ingest-service.js';
export { SourceService, WRITE_KEY_PREFIX } from './source-service.js';
export { type MergeCustomersOptions, type MergeCustomersResult, mergeCustomers, unmergeCustomer, type UnmergeResult } from './customer-merge.js';
export { MERGE_STRATEGIES, type MergeStrategy } from './merge-strategies.js';
export { type Identifier, type IdentifierType, IDENTIFIER_TYPES, normalizeIdentifierValue } from './identifier-extraction.js';
export { identifierHash } from './identity-resolver.js';
export { findIdentifierOwners } from './identity-repository.js';
