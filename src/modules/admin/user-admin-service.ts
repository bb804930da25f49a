import { appendAudit } from '../../platform/audit/index.js';
import { hashPassword } from '../../platform/auth/index.js';
import { isUniqueViolation, type Sql } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { AppDeps } from '../../platform/http/index.js';
import { auditEntry, type RequestContext } from '../../platform/records/index.js';
import { assertReferences } from './reference-repository.js';
import { creationChanges, updateChanges } from './user-changes.js';
import {
  countAdminRoles,
  emailTaken,
  findUser,
  insertUser,
  listUsers,
  lockManagerTree,
  managerChainIncludes,
  replaceUserRoles,
  revokeSessions,
  updateUser,
} from './user-repository.js';
import type { CreateUserInput, UpdateUserInput, UserDto } from './user-schemas.js';

/**
 * User administration. Passwords are hashed (scrypt) before the transaction opens, so a slow hash
 * never holds locks. Disabling a user, or resetting someone else's password, ends their sessions.
 */
export class UserAdminService {
  constructor(private readonly deps: Pick<AppDeps, 'db' | 'clock'>) {}

  list(): Promise<UserDto[]> {
    return listUsers(this.deps.db);
  }

  async create(ctx: RequestContext, input: CreateUserInput): Promise<UserDto> {
    const passwordHash = await hashPassword(input.password);
    const now = this.deps.clock.now();
    const id = await this.deps.db.tx(async (sql) => {
      if (await emailTaken(sql, input.email)) throw new AppError('user.email_taken', { field: 'email' });
      await this.checkReferences(sql, input);
      const user = { email: input.email, name: input.name, passwordHash, departmentId: input.departmentId ?? null, managerId: input.managerId ?? null };
      const userId = await insertUser(sql, user, now).catch((error: unknown) => {
        throw isUniqueViolation(error, 'users_email_key') ? new AppError('user.email_taken', { field: 'email' }) : error;
      });
      await replaceUserRoles(sql, userId, input.roleIds);
      await appendAudit(sql, [auditEntry(ctx, now, 'user.create', 'user', String(userId), creationChanges(input))]);
      return userId;
    });
    return this.get(id);
  }

  async update(ctx: RequestContext, id: number, patch: UpdateUserInput): Promise<UserDto> {
    const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
    const now = this.deps.clock.now();
    await this.deps.db.tx(async (sql) => {
      if (patch.managerId) await lockManagerTree(sql);
      const before = await findUser(sql, id, true);
      if (!before) throw new AppError('user.not_found');
      await this.checkSelfLockout(sql, ctx, id, patch);
      await this.checkReferences(sql, patch);
      if (patch.managerId && (patch.managerId === id || (await managerChainIncludes(sql, patch.managerId, id)))) {
        throw new AppError('user.manager_cycle', { field: 'managerId' });
      }
      const changes = updateChanges(before, patch);
      if (Object.keys(changes).length === 0) return;
      const status = 'status' in changes ? patch.status : undefined;
      await updateUser(sql, id, { name: patch.name, department_id: patch.departmentId, manager_id: patch.managerId, status, password_hash: passwordHash }, now);
      if ('roleIds' in changes && patch.roleIds) await replaceUserRoles(sql, id, patch.roleIds);
      if (status === 'disabled' || (passwordHash && id !== ctx.access.actor.userId)) await revokeSessions(sql, id, now);
      await appendAudit(sql, [auditEntry(ctx, now, 'user.update', 'user', String(id), changes)]);
    });
    return this.get(id);
  }

  private async get(id: number): Promise<UserDto> {
    const user = await findUser(this.deps.db, id);
    if (!user) throw new AppError('user.not_found');
    return user;
  }

  /** An admin may not lock themselves out: no self-disable, no dropping their last admin role. */
  private async checkSelfLockout(sql: Sql, ctx: RequestContext, id: number, patch: UpdateUserInput): Promise<void> {
    if (id !== ctx.access.actor.userId) return;
    if (patch.status === 'disabled') throw new AppError('user.cannot_disable_self', { field: 'status' });
    if (patch.roleIds && (await countAdminRoles(sql, patch.roleIds)) === 0) {
      throw new AppError('user.cannot_remove_own_admin', { field: 'roleIds' });
    }
  }

  private async checkReferences(sql: Sql, input: { departmentId?: number | null; managerId?: number | null; roleIds?: number[] }): Promise<void> {
    if (input.departmentId) await assertReferences(sql, 'departments', [input.departmentId], 'departmentId');
    if (input.managerId) await assertReferences(sql, 'users', [input.managerId], 'managerId');
    if (input.roleIds) await assertReferences(sql, 'roles', input.roleIds, 'roleIds');
  }
}
