import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate } from '../auth/index.js';
import { AppError } from '../errors/index.js';
import type { AppDeps } from './http-context.js';
import { RateLimiter } from './rate-limiter.js';

export const SESSION_COOKIE = 'relata_session';

function credentialOf(request: FastifyRequest): string | undefined {
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
    request.actor = await authenticate(deps.db, deps.clock, credential);
    const key = request.actor.type === 'api_key' ? `key:${request.actor.apiKeyId}` : `user:${request.actor.userId}`;
    const hit = perActor.hit(key);
    if (!hit.allowed) throw new AppError('request.rate_limited', { params: { retryAfter: hit.retryAfterSeconds } });
  });
}
