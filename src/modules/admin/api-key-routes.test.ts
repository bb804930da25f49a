import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { tokenHash } from '../../platform/auth/index.js';

describe('API key routes', () => {
  let t: TestApp;
  let roles: Record<string, number>;
  let adminId: number;
  beforeAll(async () => {
    t = await createTestApp();
    roles = Object.fromEntries((await t.db.query<{ key: string; id: number }>('SELECT key, id FROM roles')).rows.map((r) => [r.key, r.id]));
    adminId = (await t.db.query<{ id: number }>(`SELECT id FROM users WHERE email = 'admin@test.local'`)).rows[0]!.id;
  });
  afterAll(() => t.close());

  const createKey = (payload: object, headers: Record<string, string> = t.adminHeaders) => t.app.inject({ method: 'POST', url: '/api/admin/api-keys', headers, payload });
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  it('creates a key that works as Bearer with its role’s permissions, scoped to the creating admin, until revoked', async () => {
    await t.app.inject({ method: 'POST', url: '/api/customers', headers: t.adminHeaders, payload: { name: '管理员的客户', mobile: '13812345678', idNumber: '11010519491231002X' } });
    await t.createUser({ email: 'rep@test.local', password: 'password-123', roleKeys: ['sales_rep'] });
    await t.app.inject({ method: 'POST', url: '/api/customers', headers: await t.login('rep@test.local', 'password-123'), payload: { name: '代表的客户' } });

    const created = await createKey({ name: '集成', roleId: roles.sales_rep });
    expect(created.statusCode).toBe(201);
    const { id, key } = created.json() as { id: number; key: string };
    expect(key).toMatch(/^rk_[A-Za-z0-9_-]{43}$/);

    const list = await t.app.inject({ url: '/api/customers', headers: bearer(key) });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Array<Record<string, unknown>>;
    expect(items.map((c) => c.name)).toEqual(['管理员的客户']);
    expect(items[0]!.mobile).toBe('138****5678');
    expect(items[0]).not.toHaveProperty('idNumber');

    const listed = (await t.app.inject({ url: '/api/admin/api-keys', headers: t.adminHeaders })).json();
    expect(listed).toEqual([expect.objectContaining({ id, name: '集成', prefix: key.slice(0, 8), roleId: roles.sales_rep, userId: adminId, expiresAt: null, revokedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(key);
    const stored = (await t.db.query<{ key_hash: Buffer; prefix: string }>('SELECT key_hash, prefix FROM api_keys WHERE id = $1', [id])).rows[0]!;
    expect(stored.key_hash.equals(tokenHash(key))).toBe(true);

    expect((await t.app.inject({ method: 'DELETE', url: `/api/admin/api-keys/${id}`, headers: t.adminHeaders })).statusCode).toBe(204);
    const revoked = await t.app.inject({ url: '/api/customers', headers: bearer(key) });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('auth.token_invalid');
    expect((await t.app.inject({ url: '/api/admin/api-keys', headers: t.adminHeaders })).json()[0].revokedAt).not.toBeNull();
    expect((await t.app.inject({ method: 'DELETE', url: `/api/admin/api-keys/${id}`, headers: t.adminHeaders })).statusCode).toBe(204);

    const audit = await t.db.query<{ action: string; changes: Record<string, unknown> }>(`SELECT action, changes FROM audit_log WHERE object = 'api_key' ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['api_key.create', 'api_key.revoke']);
    expect(audit.rows[0]!.changes).toMatchObject({ name: [null, '集成'], roleId: [null, roles.sales_rep], prefix: [null, key.slice(0, 8)] });
    expect(JSON.stringify(audit.rows)).not.toContain(key);
  });

  it('denies what the key’s role does not grant, and stops at expiry', async () => {
    const bare = (await t.app.inject({ method: 'POST', url: '/api/admin/roles', headers: t.adminHeaders, payload: { name: '无权限' } })).json();
    const denied = await t.app.inject({ url: '/api/customers', headers: bearer((await createKey({ name: 'bare', roleId: bare.id })).json().key) });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('permission.denied');
    const expiresAt = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const created = await createKey({ name: 'short', roleId: roles.sales_rep, expiresAt });
    expect(created.statusCode).toBe(201);
    const key = created.json().key;
    expect((await t.app.inject({ url: '/api/customers', headers: bearer(key) })).statusCode).toBe(200);
    t.clock.advance(2 * 3_600_000);
    expect((await t.app.inject({ url: '/api/customers', headers: bearer(key) })).statusCode).toBe(401);
  });

  it('refuses bad input, an Idempotency-Key (the answer holds the key) and unknown keys', async () => {
    const past = new Date(t.clock.now().getTime() - 1000).toISOString();
    const cases: Array<[object, string, string]> = [
      [{ name: 'k', roleId: 99999 }, 'field.invalid_value', 'roleId'],
      [{ name: 'k', roleId: roles.sales_rep, expiresAt: past }, 'field.invalid_value', 'expiresAt'],
      [{ name: 'k', roleId: roles.sales_rep, expiresAt: 'tomorrow' }, 'request.invalid', 'expiresAt'],
      [{ name: '', roleId: roles.sales_rep }, 'request.invalid', 'name'],
      [{ name: 'k', roleId: roles.sales_rep, key: 'rk_mine' }, 'request.unknown_property', 'key'],
    ];
    for (const [payload, code, field] of cases) {
      const res = await createKey(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error).toMatchObject({ code, field });
    }
    const idempotent = await createKey({ name: 'k', roleId: roles.sales_rep }, { ...t.adminHeaders, 'idempotency-key': 'once' });
    expect(idempotent.json().error).toMatchObject({ code: 'request.invalid', field: 'Idempotency-Key' });
    expect((await t.db.query('SELECT 1 FROM idempotency_keys')).rowCount).toBe(0);
    const missing = await t.app.inject({ method: 'DELETE', url: '/api/admin/api-keys/99999', headers: t.adminHeaders });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('api_key.not_found');
  });
});
