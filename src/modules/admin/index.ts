import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/http/index.js';

/** Administration routes (users, departments, roles, API keys, custom fields, audit). */
export function adminRoutes(_app: FastifyInstance, _deps: AppDeps): void {}
