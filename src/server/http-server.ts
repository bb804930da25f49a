import type { FastifyInstance } from 'fastify';
import { type AppDeps, buildApp } from '../platform/http/index.js';
import { customerRoutes } from '../modules/customers/index.js';
import { adminRoutes } from '../modules/admin/index.js';
import { sessionRoutes } from '../modules/organization/index.js';

/** The whole HTTP surface: platform plus every module's routes. */
export function createHttpApp(deps: AppDeps): Promise<FastifyInstance> {
  return buildApp(deps, [sessionRoutes, customerRoutes, adminRoutes]);
}
