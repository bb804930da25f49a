import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrderTestApp, type OrderTestApp } from './order-test-app.js';

describe('order ingestion', () => {
  let t: OrderTestApp;
  let customerId: number;
  const order = (externalId: string, extra: Record<string, unknown> = {}) => ({
    externalId,
    source: 'tmall',
    customerId,
    channel: '天猫',
    status: 'paid',
    orderedAt: '2026-05-01T10:00:00+08:00',
    lines: [
      { sku: 'A1', productName: '吸奶器', category: '母婴', quantity: 1, unitPrice: '399.00' },
      { sku: 'B2', productName: '储奶袋', quantity: '1.5', unitPrice: 19.9 },
    ],
    ...extra,
  });
  const post = (payload: unknown, headers = t.adminHeaders) => t.app.inject({ method: 'POST', url: '/api/orders', headers, payload: payload as Record<string, unknown> });
  const count = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

  beforeAll(async () => {
    t = await createOrderTestApp();
    customerId = await t.customer('订单测试');
  });
  afterAll(() => t.close());

  it('creates an order with exact line amounts, audited and published', async () => {
    const res = await post(order('T-1'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ customerId, externalId: 'T-1', source: 'tmall', amount: '428.85', refundedAmount: '0.00', status: 'paid', outcome: 'created' });
    const lines = await t.db.query(`SELECT line_no, quantity::text, unit_price::text, amount::text FROM order_lines WHERE order_id = $1 ORDER BY line_no`, [res.json().id]);
    expect(lines.rows).toEqual([
      { line_no: 1, quantity: '1.000', unit_price: '399.00', amount: '399.00' },
      { line_no: 2, quantity: '1.500', unit_price: '19.90', amount: '29.85' },
    ]);
    const outbox = await t.db.query(`SELECT payload FROM outbox WHERE topic = 'order.created'`);
    expect(outbox.rows.map((r) => r.payload)).toEqual([{ customerId, orderId: res.json().id, amount: '428.85', status: 'paid' }]);
    const audit = await t.db.query(`SELECT action, record_id FROM audit_log WHERE object = 'order'`);
    expect(audit.rows).toEqual([{ action: 'order.create', record_id: `${customerId}:${res.json().id}` }]);
  });

  it('is idempotent on (source, externalId): a resend is unchanged, a status change updates', async () => {
    const first = await post(order('T-2', { status: 'pending' }));
    const again = await post(order('T-2', { status: 'pending' }));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, outcome: 'unchanged', status: 'pending' });
    const paid = await post(order('T-2', { status: 'paid' }));
    expect(paid.json()).toMatchObject({ id: first.json().id, outcome: 'updated', status: 'paid' });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM orders WHERE external_id = 'T-2'`)).rows[0]!.n).toBe(1);
    const updated = await t.db.query(`SELECT payload FROM outbox WHERE topic = 'order.updated'`);
    expect(updated.rows.map((r) => r.payload)).toEqual([{ customerId, orderId: first.json().id, amount: '428.85', status: 'paid' }]);
    // Another source may use the same external id: a different order.
    const other = await post(order('T-2', { source: 'jd', channel: '京东' }));
    expect(other.json().outcome).toBe('created');
    expect(other.json().id).not.toBe(first.json().id);
  });

  it('stores one order for 10 concurrent sends of the same externalId', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(order('T-RACE'))));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM orders WHERE external_id = 'T-RACE'`)).rows[0]!.n).toBe(1);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM order_keys WHERE external_id = 'T-RACE'`)).rows[0]!.n).toBe(1);
  });

  it('rejects a declared amount off the lines’ sum by more than 0.01, writing nothing', async () => {
    const before = await count('orders');
    expect((await post(order('T-OK', { amount: '428.86' }))).statusCode).toBe(201);
    for (const [payload, code, field] of [
      [order('T-3', { amount: '428.87' }), 'field.invalid_value', 'amount'],
      [order('T-3', { lines: [{ sku: 'A', productName: 'a', quantity: 0, unitPrice: 1 }] }), 'field.invalid_value', 'lines.0.quantity'],
      [order('T-3', { lines: [{ sku: 'A', productName: 'a', quantity: 1, unitPrice: '1.001' }] }), 'field.invalid_value', 'lines.0.unitPrice'],
      [order('T-3', { orderedAt: 'yesterday' }), 'field.invalid_value', 'orderedAt'],
      [order('T-3', { status: 'shipped' }), 'request.invalid', 'status'],
      [order('T-3', { channel: 'x'.repeat(51) }), 'request.invalid', 'channel'],
      [order('T-3', { customerId: undefined }), 'field.required', 'customerId'],
      [order('T-3', { extra: 1 }), 'request.unknown_property', 'extra'],
    ] as const) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
      expect(res.json().error).toMatchObject({ code, field });
    }
    expect(await count('orders')).toBe(before + 1);
  });

  it('finds the customer by identifier and answers 404 outside the caller’s scope', async () => {
    const hash = t.keyring.blindIndex('identifier:email', 'buyer@example.cn');
    await t.db.query(`INSERT INTO customer_identifiers (customer_id, type, value_hash, created_at) VALUES ($1, 'email', $2, now())`, [customerId, hash]);
    const byEmail = await post(order('T-4', { customerId: undefined, customer: { type: 'email', value: ' Buyer@Example.CN ' } }));
    expect(byEmail.json()).toMatchObject({ customerId, outcome: 'created' });
    const unknown = await post(order('T-5', { customerId: undefined, customer: { type: 'mobile', value: '13800000000' } }));
    expect(unknown.statusCode).toBe(404);
    const rep = await t.userWith('rep@test.local', ['sales_rep']);
    const res = await post(order('T-6'), rep.headers);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('record.not_found');
    const own = await t.customer('代表的客户', rep.headers);
    expect((await post(order('T-6', { customerId: own }), rep.headers)).statusCode).toBe(201);
  });

  it('stores the valid items of a mixed batch and reports the others by index', async () => {
    const rep = await t.userWith('rep2@test.local', ['sales_rep']);
    const own = await t.customer('批量客户', rep.headers);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/orders/batch',
      headers: rep.headers,
      payload: {
        orders: [order('B-1', { customerId: own }), order('B-2', { customerId: own, amount: '1.00' }), order('B-3'), { ...order('B-6', { customerId: own }), nonsense: true }, order('B-4', { customerId: own, status: 'pending' }), order('B-4', { customerId: own }), order('B-5', { customerId: 999_999 })],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.errors).toEqual([
      { index: 1, code: 'field.invalid_value', field: 'amount' },
      { index: 2, code: 'record.not_found', field: 'customerId' },
      { index: 3, code: 'request.unknown_property', field: 'nonsense' },
      { index: 4, code: 'request.invalid', field: 'externalId' },
      { index: 6, code: 'record.not_found', field: 'customerId' },
    ]);
    expect(body.stored.map((s: { index: number; outcome: string; status: string }) => [s.index, s.outcome, s.status])).toEqual([
      [0, 'created', 'paid'],
      [5, 'created', 'paid'],
    ]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM orders WHERE customer_id = $1`, [own])).rows[0]!.n).toBe(2);
    const big = await t.app.inject({ method: 'POST', url: '/api/orders/batch', headers: rep.headers, payload: { orders: Array.from({ length: 1_001 }, () => ({})) } });
    expect(big.statusCode).toBe(400);
  });
});
