import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

const grant = (object: string, actions: Partial<Record<'read' | 'create' | 'update' | 'delete' | 'export', boolean>>) => ({
  object,
  read: false,
  create: false,
  update: false,
  delete: false,
  export: false,
  dataScope: 'all',
  ...actions,
});

/** Segments, tags and analyses are grantable in the role editor like records, and the routes obey the grants. */
describe('feature object grants (segment, tag, analysis)', () => {
  let t: TestApp;
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  /** A role made through the role editor API, and a logged-in user holding it. */
  const userWith = async (name: string, objects: unknown[]) => {
    const role = (await send('POST', '/api/admin/roles', t.adminHeaders, { name })).json();
    const saved = await send('PUT', `/api/admin/roles/${role.id}/permissions`, t.adminHeaders, { objects, fields: [] });
    expect(saved.statusCode, saved.body).toBe(200);
    await t.createUser({ email: `${role.id}@test.local`, roleIds: [role.id] });
    return t.login(`${role.id}@test.local`, 'password-123');
  };

  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-06-01T08:00:00Z') });
  });
  afterAll(() => t.close());

  it('a role granted analysis create starts a run; one without it is refused', async () => {
    const analyst = await userWith('分析师', [grant('customer', { read: true }), grant('analysis', { read: true, create: true })]);
    const viewer = await userWith('只读', [grant('customer', { read: true }), grant('analysis', { read: true })]);
    const started = await send('POST', '/api/analytics/runs', analyst, { model: 'rfm' });
    expect(started.statusCode, started.body).toBeLessThan(300);
    const refused = await send('POST', '/api/analytics/runs', viewer, { model: 'rfm' });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'permission.denied']);
  });

  it('/api/me offers segment, tag and analysis with the granted actions', async () => {
    const tagger = await userWith('标签运营', [grant('customer', { read: true }), grant('tag', { read: true, create: true })]);
    const objects = (await send('GET', '/api/me', tagger)).json().objects;
    expect(objects.tag).toMatchObject({ read: true, create: true, delete: false });
    expect(objects.segment).toMatchObject({ create: false });
    expect(objects.analysis).toMatchObject({ create: false });
    expect((await send('POST', '/api/tags', tagger, { name: '手工', layer: 'basic', kind: 'manual' })).statusCode).toBe(201);
    expect((await send('POST', '/api/segments', tagger, { name: 's', kind: 'static', rule: { version: 1, rule: { tag: '手工' } } })).statusCode).toBe(403);
  });

  it('refuses field grants on a feature object, naming the entry', async () => {
    const role = (await send('POST', '/api/admin/roles', t.adminHeaders, { name: '错' })).json();
    const res = await send('PUT', `/api/admin/roles/${role.id}/permissions`, t.adminHeaders, { objects: [], fields: [{ object: 'tag', field: 'name', access: 'read', masked: false }] });
    expect([res.statusCode, res.json().error.code, res.json().error.field]).toEqual([400, 'role.unknown_field', 'fields.0.field']);
  });
});
