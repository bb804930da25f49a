import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, withErrors } from '../../platform/http/index.js';
import { adminContext } from './admin-access.js';
import { IdParams, LIST_ERRORS, WRITE_ERRORS } from './admin-schemas.js';
import {
  CreateDepartmentBody,
  type CreateDepartmentInput,
  DepartmentDto,
  UpdateDepartmentBody,
  type UpdateDepartmentInput,
} from './department-schemas.js';
import { DepartmentService } from './department-service.js';

/** GET/POST /api/admin/departments, PATCH/DELETE /api/admin/departments/:id. */
export function departmentRoutes(app: FastifyInstance, deps: AppDeps): void {
  const departments = new DepartmentService(deps);
  const tags = ['admin'];

  app.get('/api/admin/departments', { schema: { tags, summary: 'The department tree as a flat list linked by parentId', response: withErrors({ 200: Type.Array(DepartmentDto) }, LIST_ERRORS) } }, async (request) => {
    await adminContext(request, deps);
    return departments.list();
  });

  app.post<{ Body: CreateDepartmentInput }>('/api/admin/departments', { schema: { tags, summary: 'Create a department', body: CreateDepartmentBody, response: withErrors({ 201: DepartmentDto }, WRITE_ERRORS) } }, async (request, reply) => {
    const ctx = await adminContext(request, deps);
    reply.status(201);
    return departments.create(ctx, request.body);
  });

  app.patch<{ Params: IdParams; Body: UpdateDepartmentInput }>('/api/admin/departments/:id', { schema: { tags, summary: 'Rename or move a department (never under itself)', params: IdParams, body: UpdateDepartmentBody, response: withErrors({ 200: DepartmentDto }, WRITE_ERRORS) } }, async (request) => {
    const ctx = await adminContext(request, deps);
    return departments.update(ctx, request.params.id, request.body);
  });

  app.delete<{ Params: IdParams }>('/api/admin/departments/:id', { schema: { tags, summary: 'Delete an empty department (409 department.not_empty otherwise)', params: IdParams, response: withErrors({ 204: Type.Null() }, WRITE_ERRORS) } }, async (request, reply) => {
    const ctx = await adminContext(request, deps);
    await departments.remove(ctx, request.params.id);
    return reply.status(204).send();
  });
}
