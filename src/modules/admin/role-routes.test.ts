import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('role routes', () => {
  let t: TestApp;
  let roles: Record<string, number>;
  beforeAll(async () => {
    t = await createTestApp();
    roles = Object.fromEntries((await t.db.query<{ key: string; id: number }>('SELECT key, id FROM roles')).rows.map((r) => [r.key, r.id]));
  });
  afterAll(() => t.close());

  const send = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: t.adminHeaders, ...(payload ? { payload } : {}) });
  const fullObject = { object: 'customer', read: true, create: true, update: true, delete: false, export: false, dataScope: 'self' };

  it('lists roles with their usage and marks the system role', async () => {
    await t.createUser({ email: 'rep@test.local', roleKeys: ['sales_rep'] });
    const list = (await t.app.inject({ url: '/api/admin/roles', headers: t.adminHeaders })).json() as Array<{ key: string; builtin: boolean; isAdmin: boolean; userCount: number }>;
    expect(list.find((r) => r.key === 'admin')).toMatchObject({ builtin: true, isAdmin: true, userCount: 1 });
    expect(list.find((r) => r.key === 'sales_rep')).toMatchObject({ builtin: false, isAdmin: false, userCount: 1 });
  });

  it('creates, renames and deletes a role, auditing each step', async () => {
    const created = await send('POST', '/api/admin/roles', { name: '客服', description: '处理工单' });
    expect(created.statusCode).toBe(201);
    const role = created.json();
    expect(role).toMatchObject({ key: null, name: '客服', description: '处理工单', isAdmin: false, builtin: false, userCount: 0, apiKeyCount: 0 });
    expect((await send('PATCH', `/api/admin/roles/${role.id}`, { name: '客服专员' })).json()).toMatchObject({ name: '客服专员', description: '处理工单' });
    expect((await send('DELETE', `/api/admin/roles/${role.id}`)).statusCode).toBe(204);
    const audit = await t.db.query<{ action: string; changes: unknown }>(`SELECT action, changes FROM audit_log WHERE object = 'role' AND record_id = $1 ORDER BY id`, [String(role.id)]);
    expect(audit.rows).toEqual([
      { action: 'role.create', changes: { name: [null, '客服'], description: [null, '处理工单'] } },
      { action: 'role.update', changes: { name: ['客服', '客服专员'] } },
      { action: 'role.delete', changes: { name: ['客服专员', null] } },
    ]);
  });

  it('never edits, re-grants or deletes the system admin role', async () => {
    for (const res of [
      await send('PATCH', `/api/admin/roles/${roles.admin}`, { name: 'x' }),
      await send('DELETE', `/api/admin/roles/${roles.admin}`),
      await send('PUT', `/api/admin/roles/${roles.admin}/permissions`, { objects: [], fields: [] }),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('role.system');
    }
  });

  it('refuses to delete a role that users or unrevoked API keys hold', async () => {
    const role = (await send('POST', '/api/admin/roles', { name: '在用' })).json();
    const user = await t.createUser({ email: 'holder@test.local', roleIds: [role.id] });
    const byUser = await send('DELETE', `/api/admin/roles/${role.id}`);
    expect(byUser.statusCode).toBe(409);
    expect(byUser.json().error.code).toBe('role.in_use');
    await t.db.query('DELETE FROM user_roles WHERE user_id = $1', [user]);
    const key = (await send('POST', '/api/admin/api-keys', { name: 'k', roleId: role.id })).json();
    expect((await send('DELETE', `/api/admin/roles/${role.id}`)).json().error.code).toBe('role.in_use');
    await send('DELETE', `/api/admin/api-keys/${key.id}`);
    expect((await send('DELETE', `/api/admin/roles/${role.id}`)).statusCode).toBe(204);
  });

  it('replaces grants in one go, audits old → new, and the change applies on the next request', async () => {
    await t.createUser({ email: 'seller@test.local', password: 'password-123', roleKeys: ['sales_rep'] });
    const seller = await t.login('seller@test.local', 'password-123');
    const fieldKeys = async () => ((await t.app.inject({ url: '/api/objects/customer/fields', headers: seller })).json() as Array<{ key: string; access: string }>).map((f) => `${f.key}:${f.access}`);
    expect(await fieldKeys()).toEqual(expect.arrayContaining(['name:edit', 'company:edit', 'mobile:edit']));
    const before = (await t.app.inject({ url: `/api/admin/roles/${roles.sales_rep}/permissions`, headers: t.adminHeaders })).json();
    expect(before.objects).toEqual([{ object: 'customer', read: true, create: true, update: true, delete: false, export: false, dataScope: 'self' }]);
    const grants = { objects: [fullObject], fields: [{ object: 'customer', field: 'name', access: 'edit', masked: false }, { object: 'customer', field: 'company', access: 'read', masked: false }] };
    const put = await send('PUT', `/api/admin/roles/${roles.sales_rep}/permissions`, grants);
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ objects: grants.objects, fields: [grants.fields[1], grants.fields[0]] });
    expect(await fieldKeys()).toEqual(['id:read', 'name:edit', 'company:read']);
    expect((await t.app.inject({ url: `/api/admin/roles/${roles.sales_rep}/permissions`, headers: t.adminHeaders })).json()).toEqual(put.json());
    const audit = (await t.db.query<{ changes: Record<string, unknown> }>(`SELECT changes FROM audit_log WHERE action = 'role.permissions_update' ORDER BY id DESC LIMIT 1`)).rows[0]!;
    expect(audit.changes['customer.company']).toEqual([{ access: 'edit', masked: false }, { access: 'read', masked: false }]);
    expect(audit.changes['customer.mobile']).toEqual([{ access: 'edit', masked: true }, null]);
    expect(audit.changes['customer.name']).toBeUndefined();
  });

  it('validates grants against known objects and fields and writes nothing on error', async () => {
    const before = (await t.app.inject({ url: `/api/admin/roles/${roles.sales_manager}/permissions`, headers: t.adminHeaders })).json();
    const cases: Array<[object, string, string]> = [
      [{ objects: [{ ...fullObject, object: 'lead' }], fields: [] }, 'role.unknown_object', 'objects.0.object'],
      [{ objects: [], fields: [{ object: 'customer', field: 'nope', access: 'read', masked: false }] }, 'role.unknown_field', 'fields.0.field'],
      [{ objects: [fullObject, fullObject], fields: [] }, 'role.duplicate_grant', 'objects.1.object'],
      [{ objects: [{ ...fullObject, dataScope: 'galaxy' }], fields: [] }, 'request.invalid', 'objects.0.dataScope'],
      [{ objects: [], fields: [{ object: 'customer', field: 'name', access: 'write', masked: false }] }, 'request.invalid', 'fields.0.access'],
      [{ objects: [{ ...fullObject, admin: true }], fields: [] }, 'request.unknown_property', 'objects.0.admin'],
    ];
    for (const [payload, code, field] of cases) {
      const res = await send('PUT', `/api/admin/roles/${roles.sales_manager}/permissions`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error).toMatchObject({ code, field });
    }
    expect((await t.app.inject({ url: `/api/admin/roles/${roles.sales_manager}/permissions`, headers: t.adminHeaders })).json()).toEqual(before);
  });

  it('answers 404 for unknown roles', async () => {
    for (const res of [
      await send('PATCH', '/api/admin/roles/99999', { name: 'x' }),
      await send('DELETE', '/api/admin/roles/99999'),
      await send('PUT', '/api/admin/roles/99999/permissions', { objects: [], fields: [] }),
      await t.app.inject({ url: '/api/admin/roles/99999/permissions', headers: t.adminHeaders }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('role.not_found');
    }
  });
});
