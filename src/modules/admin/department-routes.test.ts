import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('department routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: t.adminHeaders, ...(payload ? { payload } : {}) });
  const create = async (name: string, parentId?: number) => (await send('POST', '/api/admin/departments', { name, ...(parentId ? { parentId } : {}) })).json() as { id: number };

  it('lists the seeded tree flat, with parentId', async () => {
    const res = await t.app.inject({ url: '/api/admin/departments', headers: t.adminHeaders });
    expect(res.statusCode).toBe(200);
    const list = res.json() as Array<{ id: number; name: string; parentId: number | null }>;
    const root = list.find((d) => d.name === '总公司')!;
    expect(root.parentId).toBeNull();
    expect(list.find((d) => d.name === '销售部')!.parentId).toBe(root.id);
  });

  it('creates, renames, moves and deletes a department, auditing each step', async () => {
    const parent = await create('华北区');
    const created = await send('POST', '/api/admin/departments', { name: '北京组', parentId: parent.id });
    expect(created.statusCode).toBe(201);
    const child = created.json();
    expect(child).toMatchObject({ name: '北京组', parentId: parent.id });
    const renamed = await send('PATCH', `/api/admin/departments/${child.id}`, { name: '北京一组' });
    expect(renamed.json()).toMatchObject({ id: child.id, name: '北京一组', parentId: parent.id });
    const moved = await send('PATCH', `/api/admin/departments/${child.id}`, { parentId: null });
    expect(moved.json().parentId).toBeNull();
    expect((await send('DELETE', `/api/admin/departments/${child.id}`)).statusCode).toBe(204);
    expect((await send('DELETE', `/api/admin/departments/${parent.id}`)).statusCode).toBe(204);
    const audit = await t.db.query<{ action: string; changes: unknown }>(`SELECT action, changes FROM audit_log WHERE object = 'department' AND record_id = $1 ORDER BY id`, [String(child.id)]);
    expect(audit.rows).toEqual([
      { action: 'department.create', changes: { name: [null, '北京组'], parentId: [null, parent.id] } },
      { action: 'department.update', changes: { name: ['北京组', '北京一组'] } },
      { action: 'department.update', changes: { parentId: [parent.id, null] } },
      { action: 'department.delete', changes: { name: ['北京一组', null], parentId: [null, null] } },
    ]);
  });

  it('refuses to move a department under itself or a descendant', async () => {
    const a = await create('A');
    const b = await create('B', a.id);
    const c = await create('C', b.id);
    for (const [id, parentId] of [[a.id, a.id], [a.id, c.id], [b.id, c.id]]) {
      const res = await send('PATCH', `/api/admin/departments/${id}`, { parentId });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'department.cycle', field: 'parentId' });
    }
    expect((await send('PATCH', `/api/admin/departments/${c.id}`, { parentId: a.id })).statusCode).toBe(200);
  });

  it('refuses to delete a department with sub-departments or users (even disabled ones)', async () => {
    const parent = await create('有子部门');
    await create('子部门', parent.id);
    const withChild = await send('DELETE', `/api/admin/departments/${parent.id}`);
    expect(withChild.statusCode).toBe(409);
    expect(withChild.json().error.code).toBe('department.not_empty');
    const staffed = await create('有成员');
    const user = await t.createUser({ email: 'member@test.local', departmentId: staffed.id });
    await t.db.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [user]);
    expect((await send('DELETE', `/api/admin/departments/${staffed.id}`)).json().error.code).toBe('department.not_empty');
  });

  it('answers 404 for unknown departments and 400 for an unknown parent', async () => {
    for (const res of [await send('PATCH', '/api/admin/departments/99999', { name: 'x' }), await send('DELETE', '/api/admin/departments/99999')]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('department.not_found');
    }
    const orphan = await send('POST', '/api/admin/departments', { name: 'x', parentId: 99999 });
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json().error).toMatchObject({ code: 'field.invalid_value', field: 'parentId' });
    const blank = await send('POST', '/api/admin/departments', { name: '' });
    expect(blank.json().error).toMatchObject({ code: 'request.invalid', field: 'name' });
  });
});
