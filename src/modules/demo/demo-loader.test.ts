import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { ManualClock } from '../../platform/clock.js';
import { Keyring } from '../../platform/crypto/index.js';
import type { Database } from '../../platform/db/index.js';
import { bootstrapOrganization } from '../organization/index.js';
import { activityPlan, generateEvents, generateOrders } from './demo-activity-generator.js';
import { type DemoWorld, generateCustomer } from './demo-customer-generator.js';
import { loadDemo, startOfUtcDay } from './demo-loader.js';

describe('loadDemo', () => {
  let db: Database;
  let keyring: Keyring;
  const clock = new ManualClock('2026-11-22T08:30:00Z');
  const options = { customers: 400, seed: 7, ordersPerCustomer: 4, eventsPerCustomer: 2 };
  const world: DemoWorld = { seed: 7, customers: 400, endAt: startOfUtcDay(clock.now()) };
  const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

  beforeAll(async () => {
    db = await createTestDatabase();
    keyring = await Keyring.load(db, Buffer.alloc(32, 7));
    await bootstrapOrganization(db, clock, { email: 'admin@test.local', password: 'admin-password-1' });
  });
  afterAll(() => db.close());

  it('loads exactly the generated rows, with the sales team, and leaves the sequences above them', async () => {
    const result = await loadDemo({ db, keyring, clock }, options);
    const plan = activityPlan(4, 2);
    let orders = 0;
    let events = 0;
    let team = 0;
    for (let i = 0; i < world.customers; i++) {
      const customer = generateCustomer(world, i);
      team += customer.team.length;
      orders += generateOrders(world, plan, customer, 1).length;
      events += generateEvents(world, plan, customer, 1).length;
    }
    expect(await count('customers')).toBe(400);
    expect(await count('orders')).toBe(orders);
    expect(await count('events')).toBe(events);
    expect(await count('customer_team')).toBe(team);
    expect(Object.fromEntries(result.tables.map((t) => [t.table, t.rows]))).toEqual({ customers: 400, customer_team: team, orders, events });

    const users = await db.query<{ role: string; department: string; manager: string | null }>(
      `SELECT r.key AS role, d.name AS department, m.email AS manager FROM users u JOIN user_roles ur ON ur.user_id = u.id
       JOIN roles r ON r.id = ur.role_id JOIN departments d ON d.id = u.department_id LEFT JOIN users m ON m.id = u.manager_id
       WHERE u.email LIKE '%@demo.relata.local'`,
    );
    expect(users.rows).toHaveLength(20);
    expect(users.rows.filter((u) => u.role === 'sales_manager').map((u) => u.manager)).toEqual([null, null]);
    expect(new Set(users.rows.map((u) => u.department))).toEqual(new Set(['华东销售组', '华南销售组']));

    const next = await db.query<{ id: number }>(`INSERT INTO customers (name, created_at, updated_at) VALUES ('新客户', now(), now()) RETURNING id`);
    expect(next.rows[0]!.id).toBe(401);
    const orphans = await db.query(`SELECT 1 FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.id IS NULL OR o.ordered_at <= c.created_at`);
    expect(orphans.rowCount).toBe(0);
  });

  it('stores mobiles and emails sealed, findable by their blind index', async () => {
    const index = Array.from({ length: world.customers }, (_, i) => i).find((i) => {
      const c = generateCustomer(world, i);
      return c.mobile !== null && c.email !== null;
    })!;
    const expected = generateCustomer(world, index);
    const row = (await db.query<{ name: string; mobile_enc: Buffer; email_enc: Buffer }>('SELECT name, mobile_enc, email_enc FROM customers WHERE id = $1', [expected.id])).rows[0]!;
    expect(row.name).toBe(expected.name);
    expect(keyring.decrypt(row.mobile_enc)).toBe(`+86${expected.mobile}`);
    expect(keyring.decrypt(row.email_enc)).toBe(expected.email);
    expect(row.mobile_enc.includes(Buffer.from(expected.mobile!))).toBe(false);
    const byMobile = await db.query<{ id: number }>('SELECT id FROM customers WHERE mobile_bidx = $1', [keyring.blindIndex('mobile', `+86${expected.mobile}`)]);
    expect(byMobile.rows.map((r) => r.id)).toContain(expected.id);
    const byEmail = await db.query<{ id: number }>('SELECT id FROM customers WHERE email_bidx = $1', [keyring.blindIndex('email', expected.email!)]);
    expect(byEmail.rows.map((r) => r.id)).toContain(expected.id);
  });

  it('refuses to load over existing rows unless asked to replace them, and replacing gives the same data', async () => {
    await expect(loadDemo({ db, keyring, clock }, options)).rejects.toThrow(/replace/);
    const before = await db.query('SELECT id, name, level, region_code, owner_id, created_at FROM customers WHERE id <= 400 ORDER BY id');
    const ordersBefore = await db.query('SELECT customer_id, id, amount, ordered_at FROM orders ORDER BY customer_id, id');
    await loadDemo({ db, keyring, clock }, { ...options, replace: true });
    expect((await db.query('SELECT id, name, level, region_code, owner_id, created_at FROM customers ORDER BY id')).rows).toEqual(before.rows);
    expect((await db.query('SELECT customer_id, id, amount, ordered_at FROM orders ORDER BY customer_id, id')).rows).toEqual(ordersBefore.rows);
    expect(await count(`users WHERE email LIKE '%@demo.relata.local'`)).toBe(20);
  });
});
