import { appendAudit } from '../../platform/audit/index.js';
import type { Sql } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { AppDeps } from '../../platform/http/index.js';
import { auditEntry, type RequestContext } from '../../platform/records/index.js';
import { deleteRole, findRole, insertRole, listRoles, updateRole } from './role-repository.js';
import type { CreateRoleInput, RoleDto, UpdateRoleInput } from './role-schemas.js';

/** Roles: create, rename, delete when unused. The system role (`admin`) is read-only. */
export class RoleService {
  constructor(private readonly deps: Pick<AppDeps, 'db' | 'clock'>) {}

  list(): Promise<RoleDto[]> {
    return listRoles(this.deps.db);
  }

  create(ctx: RequestContext, input: CreateRoleInput): Promise<RoleDto> {
    return this.deps.db.tx(async (sql) => {
      const now = this.deps.clock.now();
      const id = await insertRole(sql, input.name, input.description ?? '', now);
      const changes = { name: [null, input.name], description: [null, input.description ?? ''] };
      await appendAudit(sql, [auditEntry(ctx, now, 'role.create', 'role', String(id), changes)]);
      return (await findRole(sql, id))!;
    });
  }

  update(ctx: RequestContext, id: number, patch: UpdateRoleInput): Promise<RoleDto> {
    return this.deps.db.tx(async (sql) => {
      const before = await fetchEditableRole(sql, id);
      const name = patch.name ?? before.name;
      const description = patch.description ?? before.description;
      const changes: Record<string, unknown> = {};
      if (name !== before.name) changes.name = [before.name, name];
      if (description !== before.description) changes.description = [before.description, description];
      if (Object.keys(changes).length === 0) return before;
      await updateRole(sql, id, name, description);
      await appendAudit(sql, [auditEntry(ctx, this.deps.clock.now(), 'role.update', 'role', String(id), changes)]);
      return (await findRole(sql, id))!;
    });
  }

  /** Refused with `role.in_use` while users or unrevoked API keys hold the role. */
  async remove(ctx: RequestContext, id: number): Promise<void> {
    await this.deps.db.tx(async (sql) => {
      await fetchEditableRole(sql, id);
      // Counted again after the lock: a user or key added meanwhile is seen (new statement, new snapshot).
      const before = (await findRole(sql, id))!;
      if (before.userCount > 0 || before.apiKeyCount > 0) {
        throw new AppError('role.in_use', { details: [{ code: 'usage', message: `users: ${before.userCount}, API keys: ${before.apiKeyCount}` }] });
      }
      await deleteRole(sql, id);
      await appendAudit(sql, [auditEntry(ctx, this.deps.clock.now(), 'role.delete', 'role', String(id), { name: [before.name, null] })]);
    });
  }
}

/** The role, locked for the transaction; 404 when missing, 409 `role.system` for the admin role. */
export async function fetchEditableRole(sql: Sql, id: number): Promise<RoleDto> {
  const role = await findRole(sql, id, true);
  if (!role) throw new AppError('role.not_found');
  if (role.builtin) throw new AppError('role.system');
  return role;
}
