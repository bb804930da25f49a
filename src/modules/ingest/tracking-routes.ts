import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tokenHash } from '../../platform/auth/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { AppDeps } from '../../platform/http/index.js';
import type { IngestActor } from './identity-resolver.js';
import { sendIngestError } from './ingest-errors.js';
import { IngestService } from './ingest-service.js';
import { validateMessage } from './message-validation.js';
import { findEnabledSourceByKey } from './source-repository.js';
import { CALL_TYPES, MAX_BATCH_BYTES, type MessageError, type TrackingMessage } from './tracking-message.js';
import { corsHeaders, preflightHeaders } from './tracking-cors.js';
import { writeKeyOf } from './write-key.js';

const Message = Type.Object({}, { additionalProperties: true, description: 'A Segment message (https://segment.com/docs/connections/spec/)' });
const Success = Type.Object({
  success: Type.Boolean(),
  errors: Type.Optional(Type.Array(Type.Object({ index: Type.Integer(), code: Type.String(), field: Type.String() }), { description: 'Batch items refused; the others are stored' })),
});
const config = { public: true, idempotency: 'ignore' } as const;
// No bearer token: the write key is the HTTP Basic user name (see the module README).
const security: Record<string, string[]>[] = [];

/** 401 unless the write key (Basic user name or body.writeKey) belongs to an enabled source. */
async function authenticateSource(deps: AppDeps, request: FastifyRequest): Promise<IngestActor> {
  const key = writeKeyOf(request.headers.authorization, request.body);
  if (key === null) throw new AppError('auth.required');
  const source = await findEnabledSourceByKey(deps.db, tokenHash(key));
  if (!source) throw new AppError('auth.token_invalid');
  return { sourceId: source.id, sourceName: source.name, ip: request.ip, requestId: String(request.id) };
}

const actors = new WeakMap<FastifyRequest, IngestActor>();

/** The source authenticated in preValidation (so a bad key is 401 before any 400). */
function actorOf(request: FastifyRequest): IngestActor {
  const actor = actors.get(request);
  if (!actor) throw new AppError('auth.required');
  return actor;
}

const byteSize = (body: unknown) => Buffer.byteLength(JSON.stringify(body ?? null));

/**
 * The Segment HTTP tracking API: POST /v1/identify|track|page|screen|group|alias and /v1/batch.
 * Public routes (no session): they authenticate by write key themselves. analytics.js posts JSON as
 * text/plain (no CORS preflight), so text/plain bodies are parsed as JSON here too.
 */
export function trackingRoutes(app: FastifyInstance, deps: AppDeps): void {
  const ingest = new IngestService(deps);
  const tags = ['tracking'];
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(String(body)));
    } catch {
      done(new AppError('request.malformed_json'), undefined);
    }
  });

  // CORS for browser SDKs on other origins (this scope only: /api never answers cross-origin).
  const allowList = deps.config.trackingAllowedOrigins;
  app.addHook('onSend', async (request, reply) => {
    const headers = corsHeaders(request.headers.origin, allowList);
    if (headers) reply.headers(headers);
  });
  app.options('/v1/*', { config, schema: { tags, summary: 'CORS preflight for browser SDKs (RELATA_TRACKING_ALLOWED_ORIGINS)', security } }, async (request, reply) => {
    const headers = preflightHeaders(request.headers.origin, allowList);
    if (headers) reply.headers(headers);
    return reply.status(204).send();
  });

  const preValidation = async (request: FastifyRequest) => {
    actors.set(request, await authenticateSource(deps, request));
  };

  for (const type of CALL_TYPES) {
    app.post(`/v1/${type}`, { config, preValidation, schema: { tags, summary: `Segment ${type} call`, security, body: Message, response: { 200: Success } } }, async (request, reply) => {
      const actor = actorOf(request);
      const result = validateMessage(request.body, type);
      if (!result.ok) return sendIngestError(request, reply, result.error.code, result.error.field);
      await ingest.ingest(actor, [result.message]);
      return { success: true };
    });
  }

  const BatchBody = Type.Object({ batch: Type.Array(Type.Unknown()) }, { additionalProperties: true });
  app.post<{ Body: { batch: unknown[]; sentAt?: unknown; context?: unknown } }>('/v1/batch', { config, preValidation, schema: { tags, summary: 'Segment batch: up to 500 KB, 32 KB per message; invalid items are reported, valid ones stored', security, body: BatchBody, response: { 200: Success } } }, async (request, reply) => {
    const actor = actorOf(request);
    if (byteSize(request.body) > MAX_BATCH_BYTES) return sendIngestError(request, reply, 'ingest.batch_too_large', 'batch');
    const { batch, sentAt, context } = request.body;
    const valid: TrackingMessage[] = [];
    const errors: (MessageError & { index: number })[] = [];
    batch.forEach((item, index) => {
      const result = validateMessage(item, null, { sentAt, context });
      if (result.ok) valid.push(result.message);
      else errors.push({ index, ...result.error });
    });
    await ingest.ingest(actor, valid);
    return errors.length === 0 ? { success: true } : { success: true, errors };
  });
}
