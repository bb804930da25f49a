import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, withErrors } from '../../platform/http/index.js';
import { adminContext } from './admin-access.js';
import { IdParams, LIST_ERRORS, WRITE_ERRORS } from './admin-schemas.js';
import { RolePermissionService } from './role-permission-service.js';
import { CreateRoleBody, type CreateRoleInput, RoleDto, RolePermissions, UpdateRoleBody, type UpdateRoleInput } from './role-schemas.js';
import { RoleService } from './role-service.js';

/** Roles CRUD under /api/admin/roles and their grants under /api/admin/roles/:id/permissions. */
export function roleRoutes(app: FastifyInstance, deps: AppDeps): void {
  const roles = new RoleService(deps);
  const permissions = new RolePermissionService(deps);
  const tags = ['admin'];

  app.get('/api/admin/roles', { schema: { tags, summary: 'All roles with how many users and API keys hold them', response: withErrors({ 200: Type.Array(RoleDto) }, LIST_ERRORS) } }, async (request) => {
    await adminContext(request, deps);
    return roles.list();
  });

  app.post<{ Body: CreateRoleInput }>('/api/admin/roles', { schema: { tags, summary: 'Create a role (no grants: deny by default)', body: CreateRoleBody, response: withErrors({ 201: RoleDto }, WRITE_ERRORS) } }, async (request, reply) => {
    const ctx = await adminContext(request, deps);
    reply.status(201);
    return roles.create(ctx, request.body);
  });

  app.patch<{ Params: IdParams; Body: UpdateRoleInput }>('/api/admin/roles/:id', { schema: { tags, summary: 'Rename a role or change its description', params: IdParams, body: UpdateRoleBody, response: withErrors({ 200: RoleDto }, WRITE_ERRORS) } }, async (request) => {
    const ctx = await adminContext(request, deps);
    return roles.update(ctx, request.params.id, request.body);
  });

  app.delete<{ Params: IdParams }>('/api/admin/roles/:id', { schema: { tags, summary: 'Delete a role no user or API key holds', params: IdParams, response: withErrors({ 204: Type.Null() }, WRITE_ERRORS) } }, async (request, reply) => {
    const ctx = await adminContext(request, deps);
    await roles.remove(ctx, request.params.id);
    return reply.status(204).send();
  });

  app.get<{ Params: IdParams }>('/api/admin/roles/:id/permissions', { schema: { tags, summary: 'A role’s object and field grants', params: IdParams, response: withErrors({ 200: RolePermissions }, [400, 401, 403, 404, 429]) } }, async (request) => {
    await adminContext(request, deps);
    return permissions.get(request.params.id);
  });

  app.put<{ Params: IdParams; Body: RolePermissions }>('/api/admin/roles/:id/permissions', { schema: { tags, summary: 'Replace a role’s object and field grants (applies on the next request)', params: IdParams, body: RolePermissions, response: withErrors({ 200: RolePermissions }, WRITE_ERRORS) } }, async (request) => {
    const ctx = await adminContext(request, deps);
    return permissions.replace(ctx, request.params.id, request.body);
  });
}
