import type { Sql } from '../../platform/db/index.js';
import type { DataScope, FieldAccessLevel } from '../../platform/permissions/index.js';
import type { RoleDto, RolePermissions } from './role-schemas.js';

/** The seeded administrator role: grants everything, never edited or deleted. */
export const SYSTEM_ROLE_KEY = 'admin';

interface RoleRow {
  id: number;
  key: string | null;
  name: string;
  description: string;
  is_admin: boolean;
  created_at: Date;
  user_count: number;
  api_key_count: number;
}

const SELECT_ROLE = `SELECT r.id, r.key, r.name, r.description, r.is_admin, r.created_at,
    (SELECT count(*)::int FROM user_roles ur WHERE ur.role_id = r.id) AS user_count,
    (SELECT count(*)::int FROM api_keys k WHERE k.role_id = r.id AND k.revoked_at IS NULL) AS api_key_count
  FROM roles r`;

function toRoleDto(row: RoleRow): RoleDto {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    isAdmin: row.is_admin,
    builtin: row.key === SYSTEM_ROLE_KEY,
    userCount: row.user_count,
    apiKeyCount: row.api_key_count,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listRoles(sql: Sql): Promise<RoleDto[]> {
  return (await sql.query<RoleRow>(`${SELECT_ROLE} ORDER BY r.id`)).rows.map(toRoleDto);
}

export async function findRole(sql: Sql, id: number, lock = false): Promise<RoleDto | undefined> {
  const row = (await sql.query<RoleRow>(`${SELECT_ROLE} WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`, [id])).rows[0];
  return row && toRoleDto(row);
}

export async function insertRole(sql: Sql, name: string, description: string, now: Date): Promise<number> {
  const inserted = await sql.query<{ id: number }>('INSERT INTO roles (name, description, created_at) VALUES ($1, $2, $3) RETURNING id', [name, description, now]);
  return inserted.rows[0]!.id;
}

export async function updateRole(sql: Sql, id: number, name: string, description: string): Promise<void> {
  await sql.query('UPDATE roles SET name = $2, description = $3 WHERE id = $1', [id, name, description]);
}

/** Deletes the role with its grants (cascade) and the revoked API keys that still point at it. */
export async function deleteRole(sql: Sql, id: number): Promise<void> {
  await sql.query('DELETE FROM api_keys WHERE role_id = $1 AND revoked_at IS NOT NULL', [id]);
  await sql.query('DELETE FROM roles WHERE id = $1', [id]);
}

interface ObjectGrantRow {
  object: string;
  can_read: boolean;
  can_create: boolean;
  can_update: boolean;
  can_delete: boolean;
  can_export: boolean;
  data_scope: DataScope;
}

export async function loadGrants(sql: Sql, roleId: number): Promise<RolePermissions> {
  const [objects, fields] = await Promise.all([
    sql.query<ObjectGrantRow>(
      'SELECT object, can_read, can_create, can_update, can_delete, can_export, data_scope FROM role_object_permissions WHERE role_id = $1 ORDER BY object',
      [roleId],
    ),
    sql.query<{ object: string; field: string; access: FieldAccessLevel; masked: boolean }>(
      'SELECT object, field, access, masked FROM role_field_permissions WHERE role_id = $1 ORDER BY object, field',
      [roleId],
    ),
  ]);
  return {
    objects: objects.rows.map((r) => ({ object: r.object, read: r.can_read, create: r.can_create, update: r.can_update, delete: r.can_delete, export: r.can_export, dataScope: r.data_scope })),
    fields: fields.rows,
  };
}

/** Replaces every object and field grant of the role with two set-based inserts. */
export async function replaceGrants(sql: Sql, roleId: number, grants: RolePermissions): Promise<void> {
  await sql.query('DELETE FROM role_object_permissions WHERE role_id = $1', [roleId]);
  await sql.query('DELETE FROM role_field_permissions WHERE role_id = $1', [roleId]);
  const o = grants.objects;
  await sql.query(
    `INSERT INTO role_object_permissions (role_id, object, can_read, can_create, can_update, can_delete, can_export, data_scope)
     SELECT $1, * FROM unnest($2::text[], $3::bool[], $4::bool[], $5::bool[], $6::bool[], $7::bool[], $8::text[])`,
    [roleId, o.map((g) => g.object), o.map((g) => g.read), o.map((g) => g.create), o.map((g) => g.update), o.map((g) => g.delete), o.map((g) => g.export), o.map((g) => g.dataScope)],
  );
  const f = grants.fields;
  await sql.query(
    `INSERT INTO role_field_permissions (role_id, object, field, access, masked)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::bool[])`,
    [roleId, f.map((g) => g.object), f.map((g) => g.field), f.map((g) => g.access), f.map((g) => g.masked)],
  );
}
