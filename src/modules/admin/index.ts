import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/http/index.js';
import { guardAdminScope } from './admin-access.js';
import { apiKeyRoutes } from './api-key-routes.js';
import { auditRoutes } from './audit-routes.js';
import { customFieldRoutes } from './custom-field-routes.js';
import { departmentRoutes } from './department-routes.js';
import { roleRoutes } from './role-routes.js';
import { userAdminRoutes } from './user-admin-routes.js';

/**
 * Administration routes (users, departments, roles and grants, API keys, custom fields, audit),
 * all under /api/admin and all for admins only: the scope's guard answers 403 to anyone else.
 */
export function adminRoutes(app: FastifyInstance, deps: AppDeps): void {
  guardAdminScope(app, deps);
  userAdminRoutes(app, deps);
  departmentRoutes(app, deps);
  roleRoutes(app, deps);
  apiKeyRoutes(app, deps);
  customFieldRoutes(app, deps);
  auditRoutes(app, deps);
}
