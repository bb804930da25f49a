import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, tokenHash } from '../auth/index.js';
import { AppError } from '../errors/index.js';
import type { AppDeps } from './http-context.js';
import { RateLimiter } from './rate-limiter.js';
import { addRouteHook, isWriteRoute } from './route-hooks.js';

export const SESSION_COOKIE = 'relata_session';

/** The bearer credential of a request: `Authorization: Bearer …`, else the session cookie. */
export function credentialOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('auth.token_invalid');
    return match[1];
  }
  const cookie = request.headers.cookie;
  if (!cookie) return undefined;
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Session or API key → actor, from the metadata cache while valid (one lookup per credential). */
async function cachedActor(deps: AppDeps, credential: string) {
  const key = `auth:${tokenHash(credential).toString('hex')}`;
  const now = deps.clock.now().getTime();
  let entry = await deps.cache.get(key, async () => ({ ...(await authenticate(deps.db, deps.clock, credential)), loadedAt: now }));
  const expired = entry.expiresAt !== null && entry.expiresAt.getTime() <= now;
  // API keys record last use (to the minute): reload, which also touches last_used_at, once a minute.
  const stale = entry.actor.type === 'api_key' && now - entry.loadedAt > 60_000;
  if (expired || stale) {
    deps.cache.forget(key);
    entry = await deps.cache.get(key, async () => ({ ...(await authenticate(deps.db, deps.clock, credential)), loadedAt: now }));
  }
  return entry.actor;
}

/**
 * Every request: a per-IP rate limit, then credentials (deny by default: only routes marked
 * `config.public` pass without them), then a per-credential rate limit. 429 carries Retry-After.
 */
export function registerAuthentication(app: FastifyInstance, deps: AppDeps): void {
  const perIp = new RateLimiter(deps.config.rateLimitPerIpPerMinute, 60_000, deps.clock);
  const perActor = new RateLimiter(deps.config.rateLimitPerMinute, 60_000, deps.clock);
  app.decorateRequest('actor', null);
  app.decorateRequest('accessContext', null);
  app.addHook('onRequest', async (request) => {
    const url = request.url;
    const isApi = url.startsWith('/api/') || url.startsWith('/v1/');
    if (isApi) {
      const ip = perIp.hit(`ip:${request.ip}`);
      if (!ip.allowed) throw new AppError('request.rate_limited', { params: { retryAfter: ip.retryAfterSeconds } });
    }
    if (request.routeOptions.config?.public || !isApi) return;
    const credential = credentialOf(request);
    if (!credential) throw new AppError('auth.required');
    await deps.cache.sync(deps.db);
    request.actor = await cachedActor(deps, credential);
    const key = request.actor.type === 'api_key' ? `key:${request.actor.apiKeyId}` : `user:${request.actor.userId}`;
    const hit = perActor.hit(key);
    if (!hit.allowed) throw new AppError('request.rate_limited', { params: { retryAfter: hit.retryAfterSeconds } });
  });
  // A write may have changed access metadata: the next request reads the counter rather than
  // racing the NOTIFY, and in a process group the siblings have the new version before the response
  // leaves (see MetadataCache.afterWrite). onSend runs after the handler's transaction committed.
  // Attached to write routes that take credentials only: the public ones (login, the tracking API)
  // cannot revoke anything, and ingest, the hottest write, pays nothing for it.
  const afterWrite = async (_request: FastifyRequest, _reply: unknown, payload: unknown) => {
    await deps.cache.afterWrite(deps.db);
    return payload;
  };
  app.addHook('onRoute', (route) => {
    if (isWriteRoute(route) && !(route.config as { public?: boolean } | undefined)?.public) addRouteHook(route, 'onSend', afterWrite);
  });
}
