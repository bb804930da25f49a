import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('audit routes', () => {
  let t: TestApp;
  let adminId: number;
  let departmentId: number;
  beforeAll(async () => {
    t = await createTestApp();
    adminId = (await t.db.query<{ id: number }>(`SELECT id FROM users WHERE email = 'admin@test.local'`)).rows[0]!.id;
    const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: t.adminHeaders, payload });
    departmentId = (await post('/api/admin/departments', { name: '审计部' })).json().id;
    await post('/api/admin/roles', { name: '审计员' });
    await t.app.inject({ method: 'PATCH', url: `/api/admin/departments/${departmentId}`, headers: t.adminHeaders, payload: { name: '内审部' } });
  });
  afterAll(() => t.close());

  const audit = (query: string) => t.app.inject({ url: `/api/admin/audit${query}`, headers: t.adminHeaders });

  it('pages through the log newest first', async () => {
    const all = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n;
    const first = (await audit('?pageSize=2')).json();
    expect(first).toMatchObject({ page: 1, pageSize: 2, total: all, totalCapped: false });
    expect(first.items.map((i: { action: string }) => i.action)).toEqual(['department.update', 'role.create']);
    expect(first.items[0]).toEqual({
      id: expect.any(Number), at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/), actorType: 'user', actorId: adminId, actorName: '系统管理员',
      action: 'department.update', object: 'department', recordId: String(departmentId), changes: { name: ['审计部', '内审部'] }, ip: '127.0.0.1', requestId: expect.any(String),
    });
    const second = (await audit('?pageSize=2&page=2')).json();
    expect(second.items[0].action).toBe('department.create');
    expect(second.items[0].id).toBeLessThan(first.items[1].id);
  });

  it('filters by action, actor, object and record', async () => {
    const actions = async (query: string) => (await audit(query)).json().items.map((i: { action: string }) => i.action);
    expect(await actions('?action=role.create')).toEqual(['role.create']);
    expect(await actions(`?object=department&recordId=${departmentId}`)).toEqual(['department.update', 'department.create']);
    expect(await actions(`?actorType=user&actorId=${adminId}&object=department`)).toEqual(['department.update', 'department.create']);
    expect(await actions('?actorType=api_key')).toEqual([]);
    const bad = await audit('?pageSize=500');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'request.invalid', field: 'pageSize' });
    expect((await audit('?until=now')).json().error.code).toBe('request.unknown_property');
  });

  it('verifies the hash chain and reports where it breaks', async () => {
    const all = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n;
    expect((await t.app.inject({ url: '/api/admin/audit/verify', headers: t.adminHeaders })).json()).toEqual({ ok: true, checked: all, brokenAt: null });
    const target = (await t.db.query<{ id: number }>(`SELECT id FROM audit_log WHERE action = 'role.create'`)).rows[0]!.id;
    await t.db.tx(async (sql) => {
      await sql.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await sql.query(`UPDATE audit_log SET changes = '{}' WHERE id = $1`, [target]);
      await sql.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    });
    const broken = (await t.app.inject({ url: '/api/admin/audit/verify', headers: t.adminHeaders })).json();
    expect(broken).toMatchObject({ ok: false, brokenAt: target });
  });
});
