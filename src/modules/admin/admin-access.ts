import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors/index.js';
import { type AppDeps, requestContext } from '../../platform/http/index.js';
import type { RequestContext } from '../../platform/records/index.js';

/** The caller's context; 403 `permission.denied` unless one of their roles is an admin role. */
export async function adminContext(request: FastifyRequest, deps: AppDeps): Promise<RequestContext> {
  const ctx = await requestContext(request, deps);
  if (!ctx.access.isAdmin) throw new AppError('permission.denied');
  return ctx;
}

/**
 * Guards every route of the admin plugin scope before body validation, so a non-admin gets 403
 * whatever they send (never a 400 that reveals the admin API's shapes). Handlers still call
 * `adminContext` (cached per request) so a route moved out of this scope stays protected.
 */
export function guardAdminScope(app: FastifyInstance, deps: AppDeps): void {
  app.addHook('preValidation', async (request) => {
    await adminContext(request, deps);
  });
}
