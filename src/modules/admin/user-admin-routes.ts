import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, withErrors } from '../../platform/http/index.js';
import { adminContext } from './admin-access.js';
import { IdParams, LIST_ERRORS, WRITE_ERRORS } from './admin-schemas.js';
import { UserAdminService } from './user-admin-service.js';
import { CreateUserBody, type CreateUserInput, UpdateUserBody, type UpdateUserInput, UserDto } from './user-schemas.js';

/** GET/POST /api/admin/users, PATCH /api/admin/users/:id. */
export function userAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const users = new UserAdminService(deps);
  const tags = ['admin'];

  app.get('/api/admin/users', { schema: { tags, summary: 'All users with their roles (never password hashes)', response: withErrors({ 200: Type.Array(UserDto) }, LIST_ERRORS) } }, async (request) => {
    await adminContext(request, deps);
    return users.list();
  });

  app.post<{ Body: CreateUserInput }>('/api/admin/users', { schema: { tags, summary: 'Create a user (email unique, password ≥ 8 characters)', body: CreateUserBody, response: withErrors({ 201: UserDto }, WRITE_ERRORS) } }, async (request, reply) => {
    const ctx = await adminContext(request, deps);
    reply.status(201);
    return users.create(ctx, request.body);
  });

  app.patch<{ Params: IdParams; Body: UpdateUserInput }>('/api/admin/users/:id', { schema: { tags, summary: 'Change a user’s name, department, manager, roles, status or password', params: IdParams, body: UpdateUserBody, response: withErrors({ 200: UserDto }, WRITE_ERRORS) } }, async (request) => {
    const ctx = await adminContext(request, deps);
    return users.update(ctx, request.params.id, request.body);
  });
}
