import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { Type } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import Fastify, { type FastifyInstance } from 'fastify';
import { AppError } from '../errors/index.js';
import { registerAuthentication } from './authentication-hook.js';
import { registerErrorHandling } from './error-handler.js';
import type { AppDeps } from './http-context.js';
import { registerIdempotency } from './idempotency.js';
import { registerMetrics } from './metrics.js';
import { registerNulGuard } from './nul-guard.js';
import { registerOpenApi } from './openapi.js';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

const HealthBody = Type.Object({ status: Type.String(), database: Type.String(), time: Type.String() });

export type RouteModule = (app: FastifyInstance, deps: AppDeps) => void | Promise<void>;

/**
 * The HTTP application: strict validation (unknown properties rejected, no type coercion of
 * bodies), errors in one place, authentication, rate limits, idempotency, OpenAPI, metrics,
 * the modules' routes and the built web app.
 */
export async function buildApp(deps: AppDeps, modules: RouteModule[]): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    trustProxy: process.env.RELATA_TRUST_PROXY === '1',
    ajv: { customOptions: { removeAdditional: false } },
  });
  const strict = new Ajv({ allErrors: false, removeAdditional: false, coerceTypes: false, useDefaults: true, strict: false });
  const lenient = new Ajv({ allErrors: false, removeAdditional: false, coerceTypes: 'array', useDefaults: true, strict: false });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : lenient).compile(schema));

  registerErrorHandling(app, deps.logger);
  await registerOpenApi(app);
  const logRequests = deps.logger.isLevelEnabled('info');
  registerMetrics(app, (request, route, status, ms) => {
    if (logRequests) deps.logger.info({ reqId: request.id, method: request.method, route, status, ms: Math.round(ms) }, 'request');
  });
  registerAuthentication(app, deps);
  registerNulGuard(app);
  registerIdempotency(app, deps);

  app.get('/health', { config: { public: true }, schema: { tags: ['platform'], summary: 'Liveness and database status', security: [], response: { 200: HealthBody, 503: HealthBody } } }, async (_request, reply) => {
    const database = await deps.db.ping();
    reply.status(database ? 200 : 503);
    return { status: database ? 'ok' : 'degraded', database: database ? 'ok' : 'unreachable', time: deps.clock.now().toISOString() };
  });

  for (const register of modules) await app.register(async (scope) => register(scope, deps));
  await serveWeb(app);
  return app;
}

async function serveWeb(app: FastifyInstance): Promise<void> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) return;
  await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: ['index.html'] });
  app.get('/*', { config: { public: true }, schema: { hide: true } }, (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (url.startsWith('/api/') || url.startsWith('/v1/')) throw new AppError('request.not_found');
    const file = path.join(WEB_DIST, path.normalize(url));
    if (file.startsWith(WEB_DIST) && fs.existsSync(file) && fs.statSync(file).isFile()) return reply.sendFile(path.relative(WEB_DIST, file));
    return reply.sendFile('index.html');
  });
}
