import { appendAudit } from '../../platform/audit/index.js';
import { hashPassword, randomToken } from '../../platform/auth/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, Sql } from '../../platform/db/index.js';
import { customerObject } from '../customers/index.js';
import { CHINA_CITIES, CHINA_PROVINCES } from './china-provinces.js';

export interface BootstrapResult {
  adminCreated: boolean;
  adminEmail: string;
  /** Set only when the password was generated (printed once by the caller). */
  generatedPassword?: string;
}

/**
 * First start: system roles, a department tree, the region table and the first admin. Idempotent:
 * later starts change nothing (an existing admin is never touched).
 */
export async function bootstrapOrganization(db: Database, clock: Clock, admin: { email?: string; password?: string }): Promise<BootstrapResult> {
  return db.tx(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock(727372005)'); // not 727372004: the scheduler leader holds that one
    await seedRegions(sql);
    await seedRoles(sql);
    const existing = await sql.query<{ email: string }>(`SELECT u.email FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id WHERE r.is_admin ORDER BY u.id LIMIT 1`);
    if (existing.rows[0]) return { adminCreated: false, adminEmail: existing.rows[0].email };
    const rootDept = await seedDepartments(sql);
    const email = admin.email ?? 'admin@relata.local';
    const generated = admin.password ? undefined : randomToken().slice(0, 16);
    const hash = await hashPassword(admin.password ?? generated!);
    const now = clock.now();
    const user = (await sql.query<{ id: number }>(
      `INSERT INTO users (email, name, password_hash, department_id, created_at, updated_at) VALUES ($1, '系统管理员', $2, $3, $4, $4) RETURNING id`,
      [email, hash, rootDept, now],
    )).rows[0]!;
    await sql.query(`INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE key = 'admin'`, [user.id]);
    await appendAudit(sql, [{ at: now, actorType: 'system', actorId: null, actorName: 'bootstrap', action: 'user.create', object: 'user', recordId: String(user.id), changes: { roles: [[], ['admin']] }, ip: '', requestId: '' }]);
    return { adminCreated: true, adminEmail: email, generatedPassword: generated };
  });
}

async function seedRegions(sql: Sql): Promise<void> {
  await sql.query(
    `INSERT INTO regions (code, name, parent_code, level) SELECT code, name, NULL, 1 FROM unnest($1::text[], $2::text[]) AS r(code, name) ON CONFLICT DO NOTHING`,
    [CHINA_PROVINCES.map((p) => p[0]), CHINA_PROVINCES.map((p) => p[1])],
  );
  await sql.query(
    `INSERT INTO regions (code, name, parent_code, level) SELECT code, name, parent, 2 FROM unnest($1::text[], $2::text[], $3::text[]) AS r(code, name, parent) ON CONFLICT DO NOTHING`,
    [CHINA_CITIES.map((c) => c[0]), CHINA_CITIES.map((c) => c[1]), CHINA_CITIES.map((c) => c[2])],
  );
}

const ALL_CUSTOMER_FIELDS = customerObject.systemFields.map((f) => f.key).filter((k) => k !== 'id');

/** 系统管理员 (everything), 销售经理 (department and below, full fields), 销售代表 (own customers, mobile masked, no ID number). */
async function seedRoles(sql: Sql): Promise<void> {
  const inserted = await sql.query<{ id: number; key: string }>(
    `INSERT INTO roles (key, name, description, is_admin) VALUES
       ('admin', '系统管理员', '拥有全部权限', true),
       ('sales_manager', '销售经理', '管理本部门及下属部门的客户', false),
       ('sales_rep', '销售代表', '管理本人负责的客户', false)
     ON CONFLICT (key) DO NOTHING RETURNING id, key`,
  );
  for (const role of inserted.rows) {
    if (role.key === 'admin') continue;
    const manager = role.key === 'sales_manager';
    await sql.query(
      `INSERT INTO role_object_permissions (role_id, object, can_read, can_create, can_update, can_delete, can_export, data_scope)
       VALUES ($1, 'customer', true, true, true, $2, $2, $3)`,
      [role.id, manager, manager ? 'dept_sub' : 'self'],
    );
    const fields = manager ? ALL_CUSTOMER_FIELDS : ALL_CUSTOMER_FIELDS.filter((f) => f !== 'idNumber');
    await sql.query(
      `INSERT INTO role_field_permissions (role_id, object, field, access, masked)
       SELECT $1, 'customer', f, 'edit', (NOT $3 AND f IN ('mobile', 'email')) FROM unnest($2::text[]) AS f`,
      [role.id, fields, manager],
    );
  }
}

async function seedDepartments(sql: Sql): Promise<number> {
  const root = (await sql.query<{ id: number }>(`INSERT INTO departments (name) VALUES ('总公司') RETURNING id`)).rows[0]!.id;
  const sales = (await sql.query<{ id: number }>(`INSERT INTO departments (name, parent_id, sort_order) VALUES ('销售部', $1, 1) RETURNING id`, [root])).rows[0]!.id;
  await sql.query(
    `INSERT INTO departments (name, parent_id, sort_order) VALUES ('华东销售组', $1, 1), ('华南销售组', $1, 2), ('市场部', $2, 2), ('客服部', $2, 3)`,
    [sales, root],
  );
  return root;
}
