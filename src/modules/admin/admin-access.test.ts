import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

interface Operation {
  tags?: string[];
  summary?: string;
  responses?: Record<string, unknown>;
}

describe('admin access', () => {
  let t: TestApp;
  let operations: Array<{ method: string; url: string; spec: Operation }>;
  beforeAll(async () => {
    t = await createTestApp();
    const doc = (await t.app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
    operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/admin/'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, spec]) => ({ method: method.toUpperCase(), url: path.replace(/\{id\}/g, '1'), spec })));
  });
  afterAll(() => t.close());

  it('documents every admin route with tags, summary, a success and the 401/403 answers', () => {
    // 22 in the admin module + the privacy module's retention rules (GET, PUT).
    expect(operations.length).toBe(24);
    for (const { method, url, spec } of operations) {
      expect(spec.tags, `${method} ${url}`).toEqual(['admin']);
      expect(spec.summary, `${method} ${url}`).toBeTruthy();
      expect(Object.keys(spec.responses ?? {}), `${method} ${url}`).toEqual(expect.arrayContaining(['401', '403']));
      expect(Object.keys(spec.responses ?? {}).some((status) => status.startsWith('2')), `${method} ${url}`).toBe(true);
    }
  });

  it('answers 403 permission.denied to a non-admin on every admin route, whatever the body', async () => {
    await t.createUser({ email: 'rep@test.local', password: 'password-123', roleKeys: ['sales_rep', 'sales_manager'] });
    const rep = await t.login('rep@test.local', 'password-123');
    for (const { method, url } of operations) {
      const hasBody = ['POST', 'PATCH', 'PUT'].includes(method);
      const res = await t.app.inject({ method: method as 'GET', url, headers: rep, ...(hasBody ? { payload: { bogus: true } } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code, `${method} ${url}`).toBe('permission.denied');
    }
    const audit = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action NOT LIKE 'auth.%' AND action <> 'user.create'`);
    expect(audit.rows[0]!.n).toBe(0);
  });

  it('answers 401 without credentials', async () => {
    for (const { method, url } of operations) {
      const res = await t.app.inject({ method: method as 'GET', url });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });
});
