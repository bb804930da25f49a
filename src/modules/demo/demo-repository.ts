import type { Sql } from '../../platform/db/index.js';
import { DEMO_DEPARTMENTS, DEMO_USERS } from './demo-users.js';

/** Tables the demo loader fills (and, with `replace`, empties first). */
export const DEMO_TABLES = ['customers', 'customer_team', 'orders', 'events'] as const;
export type DemoTable = (typeof DEMO_TABLES)[number];

export async function countRows(sql: Sql, table: DemoTable): Promise<number> {
  return (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${table} LIMIT 1) s`)).rows[0]!.n;
}

/**
 * Creates (or finds) the demo sales team: the two groups under 销售部, the 20 users with their
 * managers and roles. Returns user ids by roster index. Needs the system roles (bootstrap).
 */
export async function ensureDemoUsers(sql: Sql, passwordHash: string, now: Date): Promise<number[]> {
  const roles = await sql.query(`SELECT 1 FROM roles WHERE key IN ('sales_manager', 'sales_rep')`);
  if (roles.rowCount !== 2) throw new Error('roles sales_manager and sales_rep are missing: bootstrap the organisation first');
  await sql.query(
    `INSERT INTO departments (name, parent_id, sort_order)
     SELECT r.name, (SELECT id FROM departments WHERE name = '销售部' ORDER BY id LIMIT 1), r.i
     FROM unnest($1::text[]) WITH ORDINALITY AS r(name, i)
     WHERE NOT EXISTS (SELECT 1 FROM departments d WHERE d.name = r.name)`,
    [DEMO_DEPARTMENTS],
  );
  const emails = DEMO_USERS.map((u) => u.email);
  await sql.query(
    `INSERT INTO users (email, name, password_hash, department_id, created_at, updated_at)
     SELECT r.email, r.name, $4, (SELECT id FROM departments d WHERE d.name = r.dept ORDER BY id LIMIT 1), $5, $5
     FROM unnest($1::text[], $2::text[], $3::text[]) AS r(email, name, dept)
     ON CONFLICT ((lower(email))) DO UPDATE SET department_id = EXCLUDED.department_id`,
    [emails, DEMO_USERS.map((u) => u.name), DEMO_USERS.map((u) => u.department), passwordHash, now],
  );
  await sql.query(
    `UPDATE users u SET manager_id = m.id
     FROM unnest($1::text[], $2::text[]) AS r(email, manager) LEFT JOIN users m ON lower(m.email) = r.manager
     WHERE lower(u.email) = r.email`,
    [emails, DEMO_USERS.map((u) => (u.managerIndex === null ? null : DEMO_USERS[u.managerIndex]!.email))],
  );
  await sql.query(
    `INSERT INTO user_roles (user_id, role_id)
     SELECT u.id, ro.id FROM unnest($1::text[], $2::text[]) AS r(email, role)
     JOIN users u ON lower(u.email) = r.email JOIN roles ro ON ro.key = r.role
     ON CONFLICT DO NOTHING`,
    [emails, DEMO_USERS.map((u) => u.role)],
  );
  const rows = await sql.query<{ id: number; email: string }>('SELECT id, lower(email) AS email FROM users WHERE lower(email) = ANY($1)', [emails]);
  const ids = new Map(rows.rows.map((r) => [r.email, r.id]));
  return emails.map((email) => ids.get(email)!);
}

/**
 * Starts a bulk load of `tables` in the current transaction: emptied with TRUNCATE, so COPY may
 * use FREEZE (rows written frozen and all-visible: no vacuum pass, index-only scans at once).
 */
export async function beginBulkLoad(sql: Sql, tables: readonly DemoTable[]): Promise<void> {
  await sql.query('SET LOCAL synchronous_commit = off');
  await sql.query(`TRUNCATE ${tables.join(', ')}`);
}

/** After explicit ids: the identity sequence continues above the highest id. */
export async function resetIdentity(sql: Sql, table: 'customers' | 'orders' | 'events'): Promise<void> {
  await sql.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 0) + 1, false) FROM ${table}`);
}

export async function analyze(sql: Sql, tables: readonly DemoTable[]): Promise<void> {
  await sql.query(`ANALYZE ${tables.join(', ')}`);
}
