import type { Sql } from '../../platform/db/index.js';
import type { UserDto, UserStatus } from './user-schemas.js';

/** Serialises manager changes, so two concurrent edits cannot close a cycle between them. */
const MANAGER_TREE_LOCK = 727372010;

interface UserRow {
  id: number;
  email: string;
  name: string;
  department_id: number | null;
  manager_id: number | null;
  status: UserStatus;
  locale: string;
  created_at: Date;
  updated_at: Date;
  last_login_at: Date | null;
  role_ids: Array<number | string>;
}

const SELECT_USER = `SELECT u.id, u.email, u.name, u.department_id, u.manager_id, u.status, u.locale, u.created_at, u.updated_at, u.last_login_at,
    coalesce((SELECT array_agg(ur.role_id ORDER BY ur.role_id) FROM user_roles ur WHERE ur.user_id = u.id), '{}') AS role_ids
  FROM users u`;

function toUserDto(row: UserRow): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    departmentId: row.department_id,
    managerId: row.manager_id,
    // bigint[] arrives as strings (only scalar int8 has a number parser).
    roleIds: row.role_ids.map(Number),
    status: row.status,
    locale: row.locale,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
  };
}

export async function listUsers(sql: Sql): Promise<UserDto[]> {
  return (await sql.query<UserRow>(`${SELECT_USER} ORDER BY u.id`)).rows.map(toUserDto);
}

export async function findUser(sql: Sql, id: number, lock = false): Promise<UserDto | undefined> {
  const row = (await sql.query<UserRow>(`${SELECT_USER} WHERE u.id = $1${lock ? ' FOR UPDATE OF u' : ''}`, [id])).rows[0];
  return row && toUserDto(row);
}

export async function emailTaken(sql: Sql, email: string): Promise<boolean> {
  return ((await sql.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [email])).rowCount ?? 0) > 0;
}

export async function insertUser(
  sql: Sql,
  user: { email: string; name: string; passwordHash: string; departmentId: number | null; managerId: number | null },
  now: Date,
): Promise<number> {
  const inserted = await sql.query<{ id: number }>(
    `INSERT INTO users (email, name, password_hash, department_id, manager_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
    [user.email, user.name, user.passwordHash, user.departmentId, user.managerId, now],
  );
  return inserted.rows[0]!.id;
}

/** The columns an admin may change; keys are column names fixed in code, values parameterised. */
export interface UserColumnChanges {
  name?: string;
  department_id?: number | null;
  manager_id?: number | null;
  status?: UserStatus;
  password_hash?: string;
}

export async function updateUser(sql: Sql, id: number, changes: UserColumnChanges, now: Date): Promise<void> {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  const sets = entries.map(([column], i) => `${column} = $${i + 3}`);
  await sql.query(`UPDATE users SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1`, [id, now, ...entries.map(([, value]) => value)]);
}

export async function replaceUserRoles(sql: Sql, userId: number, roleIds: readonly number[]): Promise<void> {
  await sql.query('DELETE FROM user_roles WHERE user_id = $1', [userId]);
  await sql.query('INSERT INTO user_roles (user_id, role_id) SELECT $1, unnest($2::bigint[])', [userId, roleIds]);
}

/** How many of these roles are admin roles. */
export async function countAdminRoles(sql: Sql, roleIds: readonly number[]): Promise<number> {
  const row = (await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM roles WHERE id = ANY($1::bigint[]) AND is_admin', [roleIds])).rows[0];
  return row?.n ?? 0;
}

export async function lockManagerTree(sql: Sql): Promise<void> {
  await sql.query('SELECT pg_advisory_xact_lock($1)', [MANAGER_TREE_LOCK]);
}

/** Whether `userId` is `managerId` or one of its managers, up the chain (UNION stops on old cycles). */
export async function managerChainIncludes(sql: Sql, managerId: number, userId: number): Promise<boolean> {
  const found = await sql.query(
    `WITH RECURSIVE chain AS (
       SELECT id, manager_id FROM users WHERE id = $1
       UNION SELECT u.id, u.manager_id FROM users u JOIN chain c ON u.id = c.manager_id)
     SELECT 1 FROM chain WHERE id = $2`,
    [managerId, userId],
  );
  return (found.rowCount ?? 0) > 0;
}

/** Ends every open session of the user; their next request answers 401. */
export async function revokeSessions(sql: Sql, userId: number, now: Date): Promise<void> {
  await sql.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [userId, now]);
}
