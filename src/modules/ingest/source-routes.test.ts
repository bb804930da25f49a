import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngestTestApp, type IngestTestApp } from './ingest-test-app.js';

describe('source routes', () => {
  let t: IngestTestApp;
  beforeAll(async () => {
    t = await createIngestTestApp();
  });
  afterAll(() => t.close());

  it('creates a source whose write key is shown once and stored hashed, lists and disables it (audited)', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/sources', headers: t.adminHeaders, payload: { name: '官网' } });
    expect(created.statusCode).toBe(201);
    const { id, writeKey, name } = created.json();
    expect(name).toBe('官网');
    expect(writeKey).toMatch(/^wk_/);
    const list = await t.app.inject({ url: '/api/sources', headers: t.adminHeaders });
    expect(list.json()).toEqual([expect.objectContaining({ id, name: '官网', writeKeyPrefix: writeKey.slice(0, 8), disabledAt: null })]);
    expect(list.body).not.toContain(writeKey);
    const stored = await t.db.query('SELECT 1 FROM sources WHERE write_key_hash = sha256($1::text::bytea)', [writeKey]);
    expect(stored.rowCount).toBe(1);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/sources/${id}`, headers: t.adminHeaders })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/sources', headers: t.adminHeaders })).json()[0].disabledAt).not.toBeNull();
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE object = 'source' ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['source.create', 'source.disable']);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/sources/999999', headers: t.adminHeaders })).statusCode).toBe(404);
  });

  it('is for admins only and validates the body', async () => {
    expect((await t.app.inject({ url: '/api/sources' })).statusCode).toBe(401);
    const role = await t.db.query<{ id: number }>(`INSERT INTO roles (name) VALUES ('reader') RETURNING id`);
    const { hashPassword } = await import('../../platform/auth/index.js');
    const now = t.clock.now();
    const user = await t.db.query<{ id: number }>(`INSERT INTO users (email, name, password_hash, created_at, updated_at) VALUES ('u@src.test', 'u', $1, $2, $2) RETURNING id`, [await hashPassword('password-123'), now]);
    await t.db.query('INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2)', [user.rows[0]!.id, role.rows[0]!.id]);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'u@src.test', password: 'password-123' } });
    const headers = { authorization: `Bearer ${login.json().token}` };
    expect((await t.app.inject({ method: 'POST', url: '/api/sources', headers, payload: { bogus: 1 } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/sources', headers })).statusCode).toBe(403);
    const bad = await t.app.inject({ method: 'POST', url: '/api/sources', headers: t.adminHeaders, payload: { name: 'x', extra: 1 } });
    expect(bad.json().error.code).toBe('request.unknown_property');
  });

  it('documents the tracking API in the OpenAPI document', async () => {
    const doc = await t.app.inject({ url: '/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toEqual(expect.arrayContaining(['/v1/batch', '/v1/track', '/api/sources', '/api/customers/lookup']));
  });
});
