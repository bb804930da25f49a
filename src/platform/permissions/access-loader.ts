import type { Sql } from '../db/index.js';
import type { Actor, DataScope, FieldAccess, ObjectPermission } from './access.js';
import { AccessContext } from './access-context.js';

/**
 * Loads an actor's roles, object and field grants and resolves each object's data scope into the
 * set of owner ids they may see. A handful of small indexed queries per request, so permission
 * changes apply on the very next request.
 */
export async function loadAccessContext(sql: Sql, actor: Actor): Promise<AccessContext> {
  const roleIds = actor.roleIds;
  const [roles, objectRows, fieldRows] = await Promise.all([
    sql.query<{ is_admin: boolean }>('SELECT is_admin FROM roles WHERE id = ANY($1)', [roleIds]),
    sql.query<ObjectRow>(
      `SELECT object, can_read, can_create, can_update, can_delete, can_export, data_scope
       FROM role_object_permissions WHERE role_id = ANY($1)`,
      [roleIds],
    ),
    sql.query<FieldRow>(
      'SELECT object, field, access, masked FROM role_field_permissions WHERE role_id = ANY($1)',
      [roleIds],
    ),
  ]);
  const isAdmin = roles.rows.some((r) => r.is_admin);
  const objects = new Map<string, ObjectPermission[]>();
  for (const row of objectRows.rows) {
    const list = objects.get(row.object) ?? [];
    list.push({
      read: row.can_read,
      create: row.can_create,
      update: row.can_update,
      delete: row.can_delete,
      export: row.can_export,
      dataScope: row.data_scope,
    });
    objects.set(row.object, list);
  }
  const fields = new Map<string, FieldAccess[]>();
  for (const row of fieldRows.rows) {
    const key = `${row.object}.${row.field}`;
    const list = fields.get(key) ?? [];
    list.push({ access: row.access, masked: row.masked });
    fields.set(key, list);
  }
  const owners = new Map<string, number[] | null>();
  if (!isAdmin) {
    const scopes = new Map<DataScope, number[] | null>();
    for (const [object, rows] of objects) {
      owners.set(object, await unionOfScopes(sql, actor.userId, rows, scopes));
    }
  }
  return new AccessContext(actor, isAdmin, objects, fields, owners);
}

/**
 * The owners visible through any role that grants read: each role's scope resolved on its own, then
 * unioned (self_sub and dept are not nested, so "the widest" would drop rows). null = all.
 */
async function unionOfScopes(sql: Sql, userId: number, rows: ObjectPermission[], cache: Map<DataScope, number[] | null>) {
  const union = new Set<number>([userId]);
  for (const scope of new Set(rows.filter((r) => r.read).map((r) => r.dataScope))) {
    if (!cache.has(scope)) cache.set(scope, await ownersInScope(sql, userId, scope));
    const owners = cache.get(scope)!;
    if (owners === null) return null;
    for (const id of owners) union.add(id);
  }
  return [...union];
}

const SCOPE_SQL: Record<Exclude<DataScope, 'all'>, string> = {
  self: 'SELECT $1::bigint AS id',
  self_sub: `WITH RECURSIVE tree AS (
      SELECT id FROM users WHERE id = $1
      UNION SELECT u.id FROM users u JOIN tree t ON u.manager_id = t.id)
    SELECT id FROM tree`,
  dept: `SELECT id FROM users WHERE department_id = (SELECT department_id FROM users WHERE id = $1)
    UNION SELECT $1::bigint`,
  dept_sub: `WITH RECURSIVE depts AS (
      SELECT department_id AS id FROM users WHERE id = $1 AND department_id IS NOT NULL
      UNION SELECT d.id FROM departments d JOIN depts p ON d.parent_id = p.id)
    SELECT u.id FROM users u JOIN depts d ON u.department_id = d.id UNION SELECT $1::bigint`,
};

/** The users whose records a data scope covers (always including the actor), or null for 全部. */
export async function ownersInScope(sql: Sql, userId: number, scope: DataScope): Promise<number[] | null> {
  if (scope === 'all') return null;
  const rows = await sql.query<{ id: number }>(SCOPE_SQL[scope], [userId]);
  return rows.rows.map((r) => r.id);
}

interface ObjectRow {
  object: string;
  can_read: boolean;
  can_create: boolean;
  can_update: boolean;
  can_delete: boolean;
  can_export: boolean;
  data_scope: DataScope;
}

interface FieldRow {
  object: string;
  field: string;
  access: FieldAccess['access'];
  masked: boolean;
}
