import { appendAudit } from '../../platform/audit/index.js';
import type { Sql } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { AppDeps } from '../../platform/http/index.js';
import { auditEntry, type RequestContext } from '../../platform/records/index.js';
import {
  ancestryIncludes,
  deleteDepartment,
  departmentUsage,
  findDepartment,
  insertDepartment,
  listDepartments,
  lockDepartmentTree,
  updateDepartment,
} from './department-repository.js';
import type { CreateDepartmentInput, DepartmentDto, UpdateDepartmentInput } from './department-schemas.js';
import { assertReferences, isForeignKeyViolation } from './reference-repository.js';

/** The department tree: create, rename, move (never under itself or a descendant), delete when empty. */
export class DepartmentService {
  constructor(private readonly deps: Pick<AppDeps, 'db' | 'clock'>) {}

  list(): Promise<DepartmentDto[]> {
    return listDepartments(this.deps.db);
  }

  create(ctx: RequestContext, input: CreateDepartmentInput): Promise<DepartmentDto> {
    return this.deps.db.tx(async (sql) => {
      await lockDepartmentTree(sql);
      const parentId = input.parentId ?? null;
      if (parentId !== null) await assertReferences(sql, 'departments', [parentId], 'parentId');
      const created = await insertDepartment(sql, input.name, parentId);
      const changes = { name: [null, created.name], parentId: [null, parentId] };
      await appendAudit(sql, [auditEntry(ctx, this.deps.clock.now(), 'department.create', 'department', String(created.id), changes)]);
      return created;
    });
  }

  update(ctx: RequestContext, id: number, patch: UpdateDepartmentInput): Promise<DepartmentDto> {
    return this.deps.db.tx(async (sql) => {
      await lockDepartmentTree(sql);
      const before = await this.fetch(sql, id);
      const name = patch.name ?? before.name;
      const parentId = patch.parentId === undefined ? before.parentId : patch.parentId;
      if (parentId !== null && parentId !== before.parentId) await this.checkMove(sql, id, parentId);
      const changes: Record<string, unknown> = {};
      if (name !== before.name) changes.name = [before.name, name];
      if (parentId !== before.parentId) changes.parentId = [before.parentId, parentId];
      if (Object.keys(changes).length === 0) return before;
      const updated = await updateDepartment(sql, id, name, parentId);
      await appendAudit(sql, [auditEntry(ctx, this.deps.clock.now(), 'department.update', 'department', String(id), changes)]);
      return updated;
    });
  }

  /** Only an empty department goes: no users (even disabled ones) and no sub-departments. */
  async remove(ctx: RequestContext, id: number): Promise<void> {
    await this.deps.db
      .tx(async (sql) => {
        await lockDepartmentTree(sql);
        const before = await this.fetch(sql, id);
        const usage = await departmentUsage(sql, id);
        if (usage.users > 0 || usage.children > 0) throw new AppError('department.not_empty', { details: [{ code: 'usage', message: `users: ${usage.users}, sub-departments: ${usage.children}` }] });
        await deleteDepartment(sql, id);
        const changes = { name: [before.name, null], parentId: [before.parentId, null] };
        await appendAudit(sql, [auditEntry(ctx, this.deps.clock.now(), 'department.delete', 'department', String(id), changes)]);
      })
      .catch((error: unknown) => {
        // A user assigned to it meanwhile (users take no tree lock) trips the foreign key.
        throw isForeignKeyViolation(error) ? new AppError('department.not_empty') : error;
      });
  }

  private async checkMove(sql: Sql, id: number, parentId: number): Promise<void> {
    await assertReferences(sql, 'departments', [parentId], 'parentId');
    if (parentId === id || (await ancestryIncludes(sql, parentId, id))) throw new AppError('department.cycle', { field: 'parentId' });
  }

  private async fetch(sql: Sql, id: number): Promise<DepartmentDto> {
    const department = await findDepartment(sql, id, true);
    if (!department) throw new AppError('department.not_found');
    return department;
  }
}
