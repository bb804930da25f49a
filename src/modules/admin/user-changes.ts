import type { CreateUserInput, UpdateUserInput, UserDto } from './user-schemas.js';

/** Audit changes as `{field: [old, new]}`; the password is never recorded, only that it changed. */
export type UserChanges = Record<string, unknown>;

export const PASSWORD_CHANGED = '[changed]';

const SCALAR_FIELDS = ['name', 'departmentId', 'managerId', 'status'] as const;

export function sortedIds(ids: readonly number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** What a new user starts with. Pure. */
export function creationChanges(input: CreateUserInput): UserChanges {
  return {
    email: [null, input.email],
    name: [null, input.name],
    departmentId: [null, input.departmentId ?? null],
    managerId: [null, input.managerId ?? null],
    roleIds: [[], sortedIds(input.roleIds)],
    password: PASSWORD_CHANGED,
  };
}

/** The fields a patch really changes, old → new. Pure: `{}` means nothing to write. */
export function updateChanges(before: UserDto, patch: UpdateUserInput): UserChanges {
  const changes: UserChanges = {};
  for (const field of SCALAR_FIELDS) {
    const next = patch[field];
    if (next !== undefined && next !== before[field]) changes[field] = [before[field], next];
  }
  if (patch.roleIds) {
    const next = sortedIds(patch.roleIds);
    if (next.join() !== before.roleIds.join()) changes.roleIds = [before.roleIds, next];
  }
  if (patch.password !== undefined) changes.password = PASSWORD_CHANGED;
  return changes;
}
