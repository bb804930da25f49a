import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('user admin routes', () => {
  let t: TestApp;
  let roles: Record<string, number>;
  let adminId: number;
  beforeAll(async () => {
    t = await createTestApp();
    roles = Object.fromEntries((await t.db.query<{ key: string; id: number }>('SELECT key, id FROM roles')).rows.map((r) => [r.key, r.id]));
    adminId = (await t.db.query<{ id: number }>(`SELECT id FROM users WHERE email = 'admin@test.local'`)).rows[0]!.id;
  });
  afterAll(() => t.close());

  const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/admin/users', headers: t.adminHeaders, payload });
  const patch = (id: number, payload: object, headers = t.adminHeaders) => t.app.inject({ method: 'PATCH', url: `/api/admin/users/${id}`, headers, payload });
  const lastAudit = async () => (await t.db.query<{ action: string; changes: Record<string, unknown> }>('SELECT action, changes FROM audit_log ORDER BY id DESC LIMIT 1')).rows[0]!;

  it('creates a user who can log in, lists users without password hashes, audits the creation', async () => {
    const dept = (await t.db.query<{ id: number }>('SELECT id FROM departments ORDER BY id LIMIT 1')).rows[0]!.id;
    const created = await post({ email: 'Li.Lei@Test.local', name: '李雷', password: 'password-123', departmentId: dept, managerId: adminId, roleIds: [roles.sales_rep] });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: 'Li.Lei@Test.local', name: '李雷', departmentId: dept, managerId: adminId, roleIds: [roles.sales_rep], status: 'active', lastLoginAt: null });
    await t.login('li.lei@test.local', 'password-123');
    const list = await t.app.inject({ url: '/api/admin/users', headers: t.adminHeaders });
    expect(list.statusCode).toBe(200);
    expect(list.json().map((u: { email: string }) => u.email)).toContain('Li.Lei@Test.local');
    expect(list.body).not.toMatch(/password|scrypt/i);
    const audit = (await t.db.query<{ changes: Record<string, unknown> }>(`SELECT changes FROM audit_log WHERE action = 'user.create' AND record_id = $1`, [String(created.json().id)])).rows[0]!;
    expect(audit.changes).toMatchObject({ email: [null, 'Li.Lei@Test.local'], roleIds: [[], [roles.sales_rep]], password: '[changed]' });
    expect(JSON.stringify(audit.changes)).not.toContain('password-123');
  });

  it('refuses a taken email (any case), a short password, unknown references and unknown properties', async () => {
    const cases: Array<[object, number, string, string]> = [
      [{ email: 'ADMIN@test.local', name: 'x', password: 'password-123', roleIds: [] }, 409, 'user.email_taken', 'email'],
      [{ email: 'a@test.local', name: 'x', password: 'short', roleIds: [] }, 400, 'request.invalid', 'password'],
      [{ email: 'a@test.local', name: 'x', password: 'password-123', roleIds: [99999] }, 400, 'field.invalid_value', 'roleIds'],
      [{ email: 'a@test.local', name: 'x', password: 'password-123', roleIds: [], departmentId: 99999 }, 400, 'field.invalid_value', 'departmentId'],
      [{ email: 'a@test.local', name: 'x', password: 'password-123', roleIds: [], managerId: 99999 }, 400, 'field.invalid_value', 'managerId'],
      [{ email: 'not-an-email', name: 'x', password: 'password-123', roleIds: [] }, 400, 'request.invalid', 'email'],
      [{ email: 'a@test.local', name: 'x', password: 'password-123', roleIds: [], isAdmin: true }, 400, 'request.unknown_property', 'isAdmin'],
    ];
    for (const [payload, status, code, field] of cases) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error).toMatchObject({ code, field });
    }
    expect((await t.db.query(`SELECT 1 FROM users WHERE email = 'a@test.local'`)).rowCount).toBe(0);
  });

  it('updates name, department, manager and roles, auditing only what changed', async () => {
    const id = await t.createUser({ email: 'han@test.local', roleKeys: ['sales_rep'] });
    const dept = (await t.db.query<{ id: number }>(`SELECT id FROM departments WHERE name = '市场部'`)).rows[0]!.id;
    const res = await patch(id, { name: '韩梅梅', departmentId: dept, managerId: adminId, roleIds: [roles.sales_manager, roles.sales_rep] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '韩梅梅', departmentId: dept, managerId: adminId, roleIds: [roles.sales_manager, roles.sales_rep].sort((a, b) => a! - b!) });
    expect(await lastAudit()).toEqual({ action: 'user.update', changes: { name: ['han', '韩梅梅'], departmentId: [null, dept], managerId: [null, adminId], roleIds: [[roles.sales_rep], [roles.sales_manager, roles.sales_rep].sort((a, b) => a! - b!)] } });
    const cleared = await patch(id, { departmentId: null, managerId: null });
    expect(cleared.json()).toMatchObject({ departmentId: null, managerId: null });
    const auditsBefore = (await t.db.query('SELECT 1 FROM audit_log')).rowCount;
    expect((await patch(id, { name: '韩梅梅' })).statusCode).toBe(200);
    expect((await t.db.query('SELECT 1 FROM audit_log')).rowCount).toBe(auditsBefore);
  });

  it('disabling a user ends their sessions; a new password is audited only as changed', async () => {
    const id = await t.createUser({ email: 'wang@test.local', password: 'password-123', roleKeys: ['sales_rep'] });
    const session = await t.login('wang@test.local', 'password-123');
    expect((await t.app.inject({ url: '/api/me', headers: session })).statusCode).toBe(200);
    expect((await patch(id, { status: 'disabled' })).json().status).toBe('disabled');
    const after = await t.app.inject({ url: '/api/me', headers: session });
    expect(after.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'wang@test.local', password: 'password-123' } })).json().error.code).toBe('auth.user_disabled');
    await patch(id, { status: 'active', password: 'new-password-9' });
    expect(await lastAudit()).toEqual({ action: 'user.update', changes: { status: ['disabled', 'active'], password: '[changed]' } });
    await t.login('wang@test.local', 'new-password-9');
  });

  it('refuses manager cycles', async () => {
    const boss = await t.createUser({ email: 'boss@test.local' });
    const mid = await t.createUser({ email: 'mid@test.local', managerId: boss });
    const low = await t.createUser({ email: 'low@test.local', managerId: mid });
    for (const [id, managerId] of [[boss, low], [boss, mid], [mid, mid]] as const) {
      const res = await patch(id, { managerId });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'user.manager_cycle', field: 'managerId' });
    }
    expect((await patch(low, { managerId: boss })).statusCode).toBe(200);
  });

  it('keeps an admin from disabling themselves or dropping their own admin role', async () => {
    const disable = await patch(adminId, { status: 'disabled' });
    expect(disable.statusCode).toBe(409);
    expect(disable.json().error.code).toBe('user.cannot_disable_self');
    const demote = await patch(adminId, { roleIds: [roles.sales_manager] });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('user.cannot_remove_own_admin');
    expect((await patch(adminId, { roleIds: [roles.admin, roles.sales_manager] })).statusCode).toBe(200);
    expect((await patch(adminId, { roleIds: [roles.admin] })).statusCode).toBe(200);
  });

  it('answers 404 for an unknown user', async () => {
    const res = await patch(99999, { name: 'x' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('user.not_found');
  });
});
