import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('customer routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates, reads, filters, updates, reveals and deletes a customer', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/customers', headers: t.adminHeaders, payload: { name: '张三', mobile: '+86 138 1234 5678', level: 'A' } });
    expect(created.statusCode).toBe(201);
    const customer = created.json();
    expect(customer.mobile).toBe('138****5678');
    const filter = encodeURIComponent(JSON.stringify([{ field: 'level', op: 'eq', value: 'A' }]));
    const list = await t.app.inject({ url: `/api/customers?filter=${filter}`, headers: t.adminHeaders });
    expect(list.json().items.map((c: { id: number }) => c.id)).toEqual([customer.id]);
    const byMobile = await t.app.inject({ url: '/api/customers?q=13812345678', headers: t.adminHeaders });
    expect(byMobile.json().total).toBe(1);
    const updated = await t.app.inject({ method: 'PATCH', url: `/api/customers/${customer.id}`, headers: t.adminHeaders, payload: { level: 'B' } });
    expect(updated.json().level).toBe('B');
    const revealed = await t.app.inject({ method: 'POST', url: `/api/customers/${customer.id}/reveal`, headers: t.adminHeaders, payload: { field: 'mobile' } });
    expect(revealed.json()).toEqual({ field: 'mobile', value: '+8613812345678' });
    const audit = await t.db.query<{ action: string; changes: Record<string, unknown> }>('SELECT action, changes FROM audit_log WHERE object = $1 ORDER BY id', ['customer']);
    expect(audit.rows.map((r) => r.action)).toEqual(['customer.create', 'customer.update', 'customer.reveal']);
    expect(JSON.stringify(audit.rows)).not.toContain('13812345678');
    const outbox = await t.db.query<{ topic: string }>('SELECT topic FROM outbox ORDER BY id');
    expect(outbox.rows.map((r) => r.topic)).toEqual(['customer.created', 'customer.updated']);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/customers/${customer.id}`, headers: t.adminHeaders })).statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/customers/${customer.id}`, headers: t.adminHeaders })).statusCode).toBe(404);
  });

  it('rejects writes to system fields, unknown fields and bad values without storing anything', async () => {
    const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers')).rows[0]!.n;
    for (const [payload, code, field] of [
      [{ name: 'x', ownerId: 1 }, 'field.not_writable', 'ownerId'],
      [{ name: 'x', createdAt: '2020-01-01T00:00:00Z' }, 'field.not_writable', 'createdAt'],
      [{ name: 'x', nope: 1 }, 'field.unknown', 'nope'],
      [{ name: 'x', mobile: '12345' }, 'field.invalid_value', 'mobile'],
      [{ name: 'x', level: 'Z' }, 'field.invalid_value', 'level'],
      [{ name: 42 }, 'field.invalid_value', 'name'],
      [{ level: 'A' }, 'field.required', 'name'],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/customers', headers: t.adminHeaders, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error).toMatchObject({ code, field });
    }
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers')).rows[0]!.n).toBe(before);
  });

  it('never stores a revealed value for Idempotency-Key replays, and audits every reveal', async () => {
    const created = (await t.app.inject({ method: 'POST', url: '/api/customers', headers: t.adminHeaders, payload: { name: '揭示', mobile: '13600000000' } })).json();
    const headers = { ...t.adminHeaders, 'idempotency-key': 'reveal-1' };
    for (let i = 0; i < 2; i++) {
      const res = await t.app.inject({ method: 'POST', url: `/api/customers/${created.id}/reveal`, headers, payload: { field: 'mobile' } });
      expect(res.json().value).toBe('+8613600000000');
      expect(res.headers['idempotent-replayed']).toBeUndefined();
    }
    const stored = await t.db.query(`SELECT 1 FROM idempotency_keys WHERE key = 'reveal-1'`);
    expect(stored.rowCount).toBe(0);
    const audits = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'customer.reveal' AND record_id = $1`, [String(created.id)]);
    expect(audits.rowCount).toBe(2);
  });

  it('exports the filtered list as CSV, streamed and audited', async () => {
    for (const name of ['导出甲', '导出乙', '=cmd|calc']) {
      await t.app.inject({ method: 'POST', url: '/api/customers', headers: t.adminHeaders, payload: { name, level: 'C', mobile: '13900000001' } });
    }
    const filter = encodeURIComponent(JSON.stringify([{ field: 'level', op: 'eq', value: 'C' }]));
    const res = await t.app.inject({ url: `/api/customers/export?filter=${filter}&sort=name`, headers: t.adminHeaders });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('客户名称');
    expect(lines).toHaveLength(4);
    expect(res.body).toContain("'=cmd|calc");
    expect(res.body).toContain('+8613900000001');
    const audit = await t.db.query<{ changes: { rows: number } }>(`SELECT changes FROM audit_log WHERE action = 'customer.export'`);
    expect(audit.rows[0]?.changes.rows).toBe(3);
    const bad = await t.app.inject({ url: '/api/customers/export?filter=%5B%7B%22field%22%3A%22nope%22%2C%22op%22%3A%22eq%22%2C%22value%22%3A1%7D%5D', headers: t.adminHeaders });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('field.unknown');
  });

  it('answers 401 without credentials and with a bad token', async () => {
    expect((await t.app.inject({ url: '/api/customers' })).json().error.code).toBe('auth.required');
    const bad = await t.app.inject({ url: '/api/customers', headers: { authorization: 'Bearer nope' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('auth.token_invalid');
  });

  it('replays a write with the same Idempotency-Key', async () => {
    const headers = { ...t.adminHeaders, 'idempotency-key': 'k-1' };
    const first = await t.app.inject({ method: 'POST', url: '/api/customers', headers, payload: { name: '李四' } });
    const second = await t.app.inject({ method: 'POST', url: '/api/customers', headers, payload: { name: '李四' } });
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    const other = await t.app.inject({ method: 'POST', url: '/api/customers', headers, payload: { name: '王五' } });
    expect(other.statusCode).toBe(422);
    expect((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM customers WHERE name IN ('李四', '王五')`)).rows[0]!.n).toBe(1);
  });
});
