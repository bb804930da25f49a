import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

/** The full test app (test/support/test-app.ts) plus the order tests' helpers. */
export interface OrderTestApp extends TestApp {
  userWith(email: string, roleKeys: string[]): Promise<{ id: number; headers: Record<string, string> }>;
  customer(name: string, headers?: Record<string, string>): Promise<number>;
}

export async function createOrderTestApp(): Promise<OrderTestApp> {
  const t = await createTestApp({ now: new Date('2026-06-01T08:00:00Z') });
  return {
    ...t,
    async userWith(email, roleKeys) {
      const id = await t.createUser({ email, name: email, roleKeys });
      return { id, headers: await t.login(email, 'password-123') };
    },
    async customer(name, headers = t.adminHeaders) {
      const res = await t.app.inject({ method: 'POST', url: '/api/customers', headers, payload: { name } });
      if (res.statusCode !== 201) throw new Error(`customer create failed: ${res.body}`);
      return res.json().id as number;
    },
  };
}
