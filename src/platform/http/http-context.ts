import type { FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Keyring } from '../crypto/index.js';
import type { Database } from '../db/index.js';
import { AppError, type Locale } from '../errors/index.js';
import type { Logger } from '../logger.js';
import { type AccessContext, type Actor, loadAccessContext, type MetadataCache } from '../permissions/index.js';
import type { RequestContext } from '../records/index.js';

/** What the HTTP layer and every module's routes are built with. */
export interface AppDeps {
  db: Database;
  keyring: Keyring;
  clock: Clock;
  config: Config;
  logger: Logger;
  /** Sessions, access contexts and field definitions, kept while `platform_versions.access` holds. */
  cache: MetadataCache;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    accessContext: AccessContext | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without credentials (login, health). */
    public?: boolean;
    /** 'ignore': Idempotency-Key is not honoured, so the answer is never stored (it holds secrets). */
    idempotency?: 'ignore';
  }
}

/** The request's locale from `Accept-Language`: English when it asks for en first, else zh-CN. */
export function requestLocale(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'] ?? '';
  return /^\s*en\b/i.test(header) ? 'en' : 'zh-CN';
}

/** The permission context of the authenticated caller, loaded once per request. */
export async function requestContext(request: FastifyRequest, deps: AppDeps): Promise<RequestContext> {
  if (!request.actor) throw new AppError('auth.required');
  const actor = request.actor;
  if (!request.accessContext) {
    const key = `access:${actor.type}:${actor.apiKeyId ?? actor.userId}`;
    request.accessContext = await deps.cache.get(key, () => loadAccessContext(deps.db, actor));
  }
  return { access: request.accessContext, ip: request.ip, requestId: String(request.id), cache: deps.cache };
}
