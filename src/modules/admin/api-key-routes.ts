import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors/index.js';
import { type AppDeps, withErrors } from '../../platform/http/index.js';
import { adminContext } from './admin-access.js';
import { IdParams, LIST_ERRORS, WRITE_ERRORS } from './admin-schemas.js';
import { ApiKeyDto, CreateApiKeyBody, type CreateApiKeyInput, CreatedApiKey } from './api-key-schemas.js';
import { ApiKeyService } from './api-key-service.js';

/** GET/POST /api/admin/api-keys, DELETE /api/admin/api-keys/:id (revoke). */
export function apiKeyRoutes(app: FastifyInstance, deps: AppDeps): void {
  const apiKeys = new ApiKeyService(deps);
  const tags = ['admin'];

  app.get('/api/admin/api-keys', { schema: { tags, summary: 'All API keys, newest first (never the key itself)', response: withErrors({ 200: Type.Array(ApiKeyDto) }, LIST_ERRORS) } }, async (request) => {
    await adminContext(request, deps);
    return apiKeys.list();
  });

  // The idempotency layer keeps a replayable copy of the response for 24 h, which here would be the
  // clear key. Until it can skip storing a response, this route refuses the header.
  const refuseIdempotencyKey = async (request: FastifyRequest) => {
    if (request.headers['idempotency-key'] === undefined) return;
    throw new AppError('request.invalid', { field: 'Idempotency-Key', params: { reason: 'Idempotency-Key is not accepted when creating an API key (the key must not be stored)' } });
  };

  app.post<{ Body: CreateApiKeyInput }>('/api/admin/api-keys', { preValidation: refuseIdempotencyKey, schema: { tags, summary: 'Create an API key bound to a role; the key is answered once (no Idempotency-Key)', body: CreateApiKeyBody, response: withErrors({ 201: CreatedApiKey }, WRITE_ERRORS) } }, async (request, reply) => {
    const ctx = await adminContext(request, deps);
    reply.status(201);
    return apiKeys.create(ctx, request.body);
  });

  app.delete<{ Params: IdParams }>('/api/admin/api-keys/:id', { schema: { tags, summary: 'Revoke an API key', params: IdParams, response: withErrors({ 204: Type.Null() }, WRITE_ERRORS) } }, async (request, reply) => {
    const ctx = await adminContext(request, deps);
    await apiKeys.revoke(ctx, request.params.id);
    return reply.status(204).send();
  });
}
