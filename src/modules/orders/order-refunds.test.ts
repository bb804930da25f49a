import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrderTestApp, type OrderTestApp } from './order-test-app.js';

describe('refunds and customer figures', () => {
  let t: OrderTestApp;
  let customerId: number;
  const send = async (externalId: string, unitPrice: string, orderedAt: string, status = 'paid') => {
    const payload = { externalId, customerId, channel: '门店', store: '南京西路店', status, orderedAt, lines: [{ sku: 'C1', productName: '咖啡豆', quantity: 1, unitPrice }] };
    const res = await t.app.inject({ method: 'POST', url: '/api/orders', headers: t.adminHeaders, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const refund = (orderId: number, amount: string | number, headers = t.adminHeaders) =>
    t.app.inject({ method: 'POST', url: `/api/orders/${customerId}/${orderId}/refund`, headers, payload: { amount, reason: '质量问题' } });
  const figures = async () => (await t.app.inject({ url: `/api/customers/${customerId}/orders`, headers: t.adminHeaders })).json();

  beforeAll(async () => {
    t = await createOrderTestApp();
    customerId = await t.customer('退款测试');
  });
  afterAll(() => t.close());

  it('lists orders newest first with lines and figures; refunds adjust them', async () => {
    const a = await send('R-1', '100.00', '2026-05-01T10:00:00Z');
    const b = await send('R-2', '50.00', '2026-05-03T10:00:00Z');
    await send('R-3', '70.00', '2026-05-04T10:00:00Z', 'pending');
    let view = await figures();
    expect(view.total).toBe(3);
    expect(view.orders.map((o: { id: number }) => o.id)).toEqual([b + 1, b, a]);
    expect(view.orders[1]).toMatchObject({ channel: '门店', store: '南京西路店', currency: 'CNY', amount: '50.00', lines: [{ lineNo: 1, sku: 'C1', quantity: '1.000', unitPrice: '50.00', amount: '50.00' }] });
    expect(view.figures).toEqual({ orderCount: 2, paidTotal: '150.00', averageOrderValue: '75.00', firstOrderAt: '2026-05-01T10:00:00.000Z', lastOrderAt: '2026-05-03T10:00:00.000Z' });

    const partial = await refund(a, '30.5');
    expect(partial.statusCode, partial.body).toBe(200);
    expect(partial.json()).toMatchObject({ amount: '100.00', refundedAmount: '30.50', status: 'paid' });
    view = await figures();
    expect(view.figures).toMatchObject({ orderCount: 2, paidTotal: '119.50', averageOrderValue: '59.75' });

    const tooMuch = await refund(a, '69.51');
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error).toMatchObject({ code: 'field.invalid_value', field: 'amount' });
    expect((await refund(a, '0')).statusCode).toBe(400);

    const full = await refund(b, 50);
    expect(full.json()).toMatchObject({ refundedAmount: '50.00', status: 'refunded' });
    view = await figures();
    expect(view.figures).toEqual({ orderCount: 1, paidTotal: '69.50', averageOrderValue: '69.50', firstOrderAt: '2026-05-01T10:00:00.000Z', lastOrderAt: '2026-05-01T10:00:00.000Z' });

    const audit = await t.db.query(`SELECT changes FROM audit_log WHERE action = 'order.refund' ORDER BY id`);
    expect(audit.rows.map((r) => r.changes)).toEqual([
      { customerId, orderId: a, amount: '30.50', refundedAmount: '30.50', status: 'paid', reason: '质量问题' },
      { customerId, orderId: b, amount: '50.00', refundedAmount: '50.00', status: 'refunded', reason: '质量问题' },
    ]);
    const outbox = await t.db.query(`SELECT aggregate_id, payload FROM outbox WHERE topic = 'order.refunded' ORDER BY id`);
    expect(outbox.rows.map((r) => r.aggregate_id)).toEqual([`${customerId}:${a}`, `${customerId}:${b}`]);
  });

  it('keeps a refunded order refunded when the source resends it as paid, and refuses a pending refund', async () => {
    const id = await send('R-4', '20.00', '2026-05-05T10:00:00Z');
    await refund(id, '20');
    const payload = { externalId: 'R-4', customerId, channel: '门店', status: 'paid', orderedAt: '2026-05-05T10:00:00Z', lines: [{ sku: 'C1', productName: '咖啡豆', quantity: 2, unitPrice: '20.00' }] };
    const resend = await t.app.inject({ method: 'POST', url: '/api/orders', headers: t.adminHeaders, payload });
    expect(resend.json()).toMatchObject({ outcome: 'updated', amount: '40.00', refundedAmount: '20.00', status: 'paid' });
    const lower = await t.app.inject({ method: 'POST', url: '/api/orders', headers: t.adminHeaders, payload: { ...payload, lines: [{ ...payload.lines[0], quantity: '0.5' }] } });
    expect(lower.statusCode).toBe(400);
    expect(lower.json().error.field).toBe('amount');
    const pending = await send('R-5', '20.00', '2026-05-06T10:00:00Z', 'pending');
    expect((await refund(pending, 1)).statusCode).toBe(400);
  });

  it('answers 404 for customers and orders the caller cannot reach', async () => {
    const rep = await t.userWith('rep@test.local', ['sales_rep']);
    const id = await send('R-6', '10.00', '2026-05-07T10:00:00Z');
    expect((await refund(id, 1, rep.headers)).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/customers/${customerId}/orders`, headers: rep.headers })).statusCode).toBe(404);
    expect((await refund(999_999, 1)).statusCode).toBe(404);
  });
});
