import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { loadDemo } from './demo-loader.js';
import { DEMO_PASSWORD } from './demo-users.js';

describe('demo sales team', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await loadDemo(t, { customers: 300, seed: 3, ordersPerCustomer: 1, eventsPerCustomer: 0 });
  });
  afterAll(() => t.close());

  it('signs in with the demo password; a rep sees own and team customers, masked; a manager sees the group', async () => {
    const count = async (sql: string, params: unknown[]) => (await t.db.query<{ n: number }>(sql, params)).rows[0]!.n;
    const rep = await t.login('sales02@demo.relata.local', DEMO_PASSWORD);
    const repId = (await t.db.query<{ id: number }>(`SELECT id FROM users WHERE email = 'sales02@demo.relata.local'`)).rows[0]!.id;
    const visible = await count(
      'SELECT count(*)::int AS n FROM customers c WHERE c.owner_id = $1 OR EXISTS (SELECT 1 FROM customer_team m WHERE m.customer_id = c.id AND m.user_id = $1)',
      [repId],
    );
    const list = await t.app.inject({ url: '/api/customers?pageSize=200', headers: rep });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(visible);
    const withMobile = list.json().items.find((c: { mobile: string | null }) => c.mobile !== null);
    if (withMobile) expect(withMobile.mobile).toMatch(/^1[3-9]\d\*{4}\d{4}$/);

    const manager = await t.login('sales01@demo.relata.local', DEMO_PASSWORD);
    const group = await count(
      `SELECT count(*)::int AS n FROM customers c JOIN users u ON u.id = c.owner_id JOIN departments d ON d.id = u.department_id WHERE d.name = '华东销售组'`,
      [],
    );
    expect((await t.app.inject({ url: '/api/customers', headers: manager })).json().total).toBeGreaterThanOrEqual(group);
  });
});
