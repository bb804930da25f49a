import type { FastifyInstance } from 'fastify';
import { type AppDeps, requestContext, withErrors } from '../../platform/http/index.js';
import type { CurrentState } from './consent-rules.js';
import { ConsentBody, ConsentEntryDto, ConsentView, CustomerIdParams } from './consent-schemas.js';
import { ConsentService } from './consent-service.js';
import type { ConsentEntry } from './consent-types.js';

function entryDto(entry: ConsentEntry) {
  return { ...entry, occurredAt: entry.occurredAt.toISOString(), recordedAt: entry.recordedAt.toISOString() };
}

function stateDto(state: CurrentState) {
  return { ...state, occurredAt: state.occurredAt.toISOString() };
}

/** The consent ledger of one customer: record an entry, read the current state and history. */
export function consentRoutes(app: FastifyInstance, deps: AppDeps): void {
  const consents = new ConsentService(deps);
  const tags = ['consent'];

  app.post<{ Params: typeof CustomerIdParams.static; Body: typeof ConsentBody.static }>(
    '/api/customers/:id/consents',
    { schema: { tags, summary: 'Record a consent grant or withdrawal (append-only, audited)', params: CustomerIdParams, body: ConsentBody, response: withErrors({ 201: ConsentEntryDto }) } },
    async (request, reply) => {
      const ctx = await requestContext(request, deps);
      const entry = await consents.record(ctx, request.params.id, request.body);
      reply.status(201);
      return entryDto(entry);
    },
  );

  app.get<{ Params: typeof CustomerIdParams.static }>(
    '/api/customers/:id/consents',
    { schema: { tags, summary: 'Current consent state and history of a customer', params: CustomerIdParams, response: withErrors({ 200: ConsentView }) } },
    async (request) => {
      const ctx = await requestContext(request, deps);
      const view = await consents.read(ctx, request.params.id);
      return { current: view.current.map(stateDto), history: view.history.map(entryDto) };
    },
  );
}
