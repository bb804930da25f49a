import type { FastifyInstance } from 'fastify';
import { type AppDeps, openRecordSerializer, requestContext, withErrors } from '../../platform/http/index.js';
import { Customer360Service } from './customer360-service.js';
import { Customer360View, CustomerIdParams, TimelinePage, TimelineQuery } from './customer360-schemas.js';
import { parseKinds } from './timeline-cursor.js';

/**
 * The customer 360 view and its timeline; permissions are the customer profile's (404 outside scope).
 * Both answer through `openRecordSerializer` (plain JSON.stringify): they are built of open objects
 * (the profile, timeline details), where the schema-compiled serializer is slower and allocated ~6×
 * the response's size per view; the service builds exactly the schema's keys (checked by a test).
 */
export function customer360Routes(app: FastifyInstance, deps: AppDeps): void {
  const service = new Customer360Service(deps);
  const tags = ['customer360'];

  app.get<{ Params: typeof CustomerIdParams.static }>(
    '/api/customers/:id/360',
    { ...openRecordSerializer, schema: { tags, summary: 'Customer 360 view: profile, identifiers, consents, traits, owner, first timeline page', params: CustomerIdParams, response: withErrors({ 200: Customer360View }) } },
    async (request) => {
      const ctx = await requestContext(request, deps);
      const view = await service.view(ctx, request.params.id);
      return { ...view, consents: view.consents.map((c) => ({ ...c, occurredAt: c.occurredAt.toISOString() })) };
    },
  );

  app.get<{ Params: typeof CustomerIdParams.static; Querystring: typeof TimelineQuery.static }>(
    '/api/customers/:id/timeline',
    { ...openRecordSerializer, schema: { tags, summary: 'Customer timeline (events, orders, field changes), newest first, keyset-paginated', params: CustomerIdParams, querystring: TimelineQuery, response: withErrors({ 200: TimelinePage }) } },
    async (request) => {
      const ctx = await requestContext(request, deps);
      const { cursor, limit, kinds } = request.query;
      return service.timeline(ctx, request.params.id, { kinds: parseKinds(kinds), limit, cursor });
    },
  );
}
