import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { runModelJob } from '../runs/runner-test-data.js';

describe('basket runner and cross-sell recommendations (real database, HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-06-01T04:00:00Z') });
    await t.createUser({ email: 'rep@test.local', roleKeys: ['sales_rep'] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('fails with analysis.too_little_data without enough purchased orders', async () => {
    const run = await runModelJob(t, 'basket', {});
    expect(run).toMatchObject({ status: 'failed', errorCode: 'analysis.too_little_data' });
  });

  it('stores the association rules of the order lines and recommends what a customer has not bought', async () => {
    // 30 one-order customers: tea + cup (10), tea + cup + pot (10), coffee + coffee cup (10).
    const now = t.clock.now();
    await t.db.query(`INSERT INTO customers (id, name, created_at, updated_at) SELECT g, 'c' || g, $1, $1 FROM generate_series(1000, 1029) g`, [now]);
    await t.db.query(`INSERT INTO orders (customer_id, id, order_no, amount, channel, status, ordered_at, created_at) SELECT g, g, 'o' || g, 30, '官网', 'paid', $1::timestamptz - interval '5 days', $1 FROM generate_series(1000, 1029) g`, [now]);
    await t.db.query(
      `INSERT INTO order_lines (customer_id, order_id, line_no, sku, product_name, category, quantity, unit_price, amount)
       SELECT g, g, n, item, item, CASE WHEN item LIKE '茶%' THEN '茶' ELSE '咖啡' END, 1, 10, 10
       FROM generate_series(1000, 1029) g
       CROSS JOIN LATERAL unnest(CASE g % 3 WHEN 0 THEN ARRAY['茶叶', '茶杯'] WHEN 1 THEN ARRAY['茶叶', '茶杯', '茶壶'] ELSE ARRAY['咖啡', '咖啡杯'] END) WITH ORDINALITY AS x (item, n)`,
    );
    const started = performance.now();
    const run = await runModelJob(t, 'basket', { minSupport: 0.1, minConfidence: 0.2 });
    console.info(`basket run on 30 orders: ${(performance.now() - started).toFixed(0)} ms`);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    expect(run.summary).toMatchObject({ transactions: 30, items: 5, itemKind: 'sku' });
    const stored = (await t.db.query(`SELECT antecedent, consequent, confidence, lift, baskets, run_id::int AS run FROM cross_sell_rules ORDER BY consequent, antecedent`)).rows;
    expect(stored).toHaveLength((run.summary as { rules: number }).rules);
    expect(stored.every((r) => r.run === run.id)).toBe(true);
    expect(stored).toContainEqual(expect.objectContaining({ antecedent: ['茶叶'], consequent: '茶杯', confidence: 1, baskets: 20 }));
    expect(stored.some((r) => r.antecedent.includes('茶叶') && r.consequent.startsWith('咖啡'))).toBe(false);

    const res = await t.app.inject({ method: 'GET', url: '/api/customers/1002/recommendations', headers: t.adminHeaders });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.purchased).toEqual(['茶杯', '茶叶'].sort());
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ item: '茶壶', confidence: 0.5 });
    expect(body.items[0].lift).toBeCloseTo(1.5, 12);
    expect(body.items[0].becauseOf.every((i: string) => ['茶叶', '茶杯'].includes(i))).toBe(true);
    // A customer who bought everything the rules lead to gets nothing.
    expect((await t.app.inject({ method: 'GET', url: '/api/customers/1001/recommendations', headers: t.adminHeaders })).json().items).toEqual([]);
  });

  it('answers 404 outside the caller’s scope', async () => {
    const rep = await t.login('rep@test.local', 'password-123');
    const res = await t.app.inject({ method: 'GET', url: '/api/customers/1002/recommendations', headers: rep });
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'record.not_found']);
    const bad = await t.app.inject({ method: 'GET', url: '/api/customers/1002/recommendations?limit=0', headers: t.adminHeaders });
    expect(bad.statusCode).toBe(400);
    const doc = (await t.app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, { get?: { responses: Record<string, unknown> } }> };
    expect(Object.keys(doc.paths['/api/customers/{id}/recommendations']?.get?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '404']));
  });
});
