import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wasErased } from './index.js';
import { createPrivacyTestApp, type Person, type PrivacyTestApp } from './privacy-test-app.js';

/** Tables that may hold a person's data, searched as text for clear values. */
const SEARCHED = ['customers', 'events', 'customer_identifiers', 'orders', 'order_lines', 'order_keys', 'consent_events', 'customer_traits', 'ingested_messages', 'outbox', 'erased_identifiers'];

describe('personal-data export and erasure', () => {
  let t: PrivacyTestApp;
  let zhang: Person;
  let li: Person;
  const exportOf = (id: number, headers = t.adminHeaders) => t.app.inject({ url: `/api/customers/${id}/personal-data`, headers });
  const erase = (id: number, headers = t.adminHeaders) => t.app.inject({ method: 'POST', url: `/api/customers/${id}/erase`, headers, payload: { reason: '用户申请删除 #42' } });
  const traces = async (needle: string) => {
    const hits: string[] = [];
    for (const table of SEARCHED) {
      const n = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} x WHERE strpos(x::text, $1) > 0`, [needle])).rows[0]!.n;
      if (n > 0) hits.push(table);
    }
    return hits;
  };

  beforeAll(async () => {
    t = await createPrivacyTestApp();
    zhang = await t.seedPerson('张三丰', '138 1234 5678', 'Zhang.San@Example.com', 'u-zhang-1');
    li = await t.seedPerson('李四', '13987654321', 'li.si@example.com', 'u-li-2');
    await t.role('masked_reader', { export: true, masked: ['mobile'] });
    await t.role('eraser_self', { delete: true, scope: 'self' });
    await t.role('reader', { export: true });
  });
  afterAll(() => t.close());

  it('exports all of one person in clear, as an audited attachment, and nothing of another', async () => {
    const res = await exportOf(zhang.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="personal-data-${zhang.id}.json"`);
    const doc = res.json();
    expect(doc.profile).toMatchObject({ id: zhang.id, name: '张三丰', mobile: '+8613812345678', email: 'zhang.san@example.com', company: '张三丰的公司' });
    expect(doc.identifiers.map((i: { type: string; value: string }) => `${i.type}=${i.value}`).sort()).toEqual([
      'anonymousId=anon-u-zhang-1', 'email=zhang.san@example.com', 'mobile=+8613812345678', 'userId=u-zhang-1',
    ]);
    expect(doc.events).toHaveLength(2);
    expect(doc.events.find((e: { name: string }) => e.name === 'Signed Up')).toMatchObject({ properties: { fullName: '张三丰' }, context: { ip: `10.1.${zhang.id}.3` }, userId: 'u-zhang-1' });
    expect(doc.orders).toEqual([expect.objectContaining({ orderNo: `SO-${zhang.id}`, amount: '199.50', lines: [expect.objectContaining({ sku: 'SKU-1', productName: '茶叶' })] })]);
    expect(doc.consents).toEqual([expect.objectContaining({ purpose: 'marketing', channel: 'sms', status: 'granted' })]);
    expect(doc.traits).toMatchObject({ order_count: 1 });
    for (const other of [li.name, '13987654321', li.email, li.userId]) expect(res.body).not.toContain(other);
    const audit = await t.db.query(`SELECT changes FROM audit_log WHERE action = 'customer.personal_data_export' AND record_id = $1`, [String(zhang.id)]);
    expect(audit.rows).toEqual([{ changes: { identifiers: 4, events: 2, orders: 1, consents: 1 } }]);
  });

  it('refuses the export to masked-only, non-exporting and out-of-scope callers', async () => {
    const masked = await t.userWith('masked@test.local', ['masked_reader']);
    expect((await exportOf(zhang.id, masked.headers)).statusCode).toBe(403);
    const noExport = await t.userWith('noexport@test.local', ['eraser_self']);
    expect((await exportOf(zhang.id, noExport.headers)).statusCode).toBe(403);
    const reader = await t.userWith('reader@test.local', ['reader']);
    expect((await exportOf(zhang.id, reader.headers)).statusCode).toBe(200);
    expect((await exportOf(999_999)).statusCode).toBe(404);
  });

  it('refuses erasure without delete (403) and outside the write scope (404), changing nothing', async () => {
    const reader = await t.userWith('reader2@test.local', ['reader']);
    expect((await erase(zhang.id, reader.headers)).statusCode).toBe(403);
    const selfOnly = await t.userWith('self@test.local', ['eraser_self']);
    expect((await erase(zhang.id, selfOnly.headers)).statusCode).toBe(404);
    expect(await traces('张三丰')).toContain('customers');
  });

  it('erases every trace in one go, keeps order amounts, withdraws consent and remembers identifiers', async () => {
    expect(await traces('138 1234 5678')).toEqual(['events']);
    expect(await traces('u-zhang-1')).toEqual(expect.arrayContaining(['events', 'customer_identifiers']));
    const res = await erase(zhang.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ customerId: zhang.id, identifiersDeleted: 4, erasedIdentifiers: 3, eventsCleared: 2, ordersKept: 1, consentWithdrawals: 3 });
    for (const needle of ['张三丰', '13812345678', '138 1234 5678', 'zhang.san@example.com', 'Zhang.San', 'u-zhang-1', `10.1.${zhang.id}.3`]) expect({ needle, hits: await traces(needle) }).toEqual({ needle, hits: [] });
    const row = (await t.db.query('SELECT name, mobile_enc, mobile_bidx, email_enc, company FROM customers WHERE id = $1', [zhang.id])).rows[0];
    expect(row).toEqual({ name: '已删除用户', mobile_enc: null, mobile_bidx: null, email_enc: null, company: null });
    expect((await t.db.query('SELECT type, name FROM events WHERE customer_id = $1 ORDER BY name', [zhang.id])).rows).toEqual([{ type: 'page', name: 'Home' }, { type: 'track', name: 'Signed Up' }]);
    expect((await t.db.query('SELECT amount FROM orders WHERE customer_id = $1', [zhang.id])).rows).toEqual([{ amount: '199.50' }]);
    expect((await t.db.query('SELECT count(*)::int AS n FROM customer_identifiers WHERE customer_id = $1', [zhang.id])).rows[0]).toEqual({ n: 0 });
    const withdrawals = await t.db.query(`SELECT purpose, channel, source, evidence FROM consent_events WHERE customer_id = $1 AND status = 'withdrawn' ORDER BY purpose`, [zhang.id]);
    expect(withdrawals.rows).toEqual(['analytics', 'marketing', 'sensitive_data'].map((purpose) => ({ purpose, channel: 'any', source: 'erasure', evidence: { reason: 'erasure' } })));
    expect((await t.db.query('SELECT type FROM erased_identifiers ORDER BY type')).rows.map((r) => r.type)).toEqual(['email', 'mobile', 'userId']);
    const audit = await t.db.query(`SELECT changes FROM audit_log WHERE action = 'customer.erase'`);
    expect(audit.rows[0]?.changes).toMatchObject({ reason: '用户申请删除 #42', identifiersDeleted: 4 });
    expect((await t.db.query(`SELECT payload FROM outbox WHERE topic = 'customer.erased'`)).rows).toEqual([{ payload: { id: zhang.id, erasedAt: '2026-06-01T08:00:00.000Z' } }]);
    // The other person is untouched.
    expect(await traces('13987654321')).toContain('events');
    expect((await exportOf(li.id)).json().profile.name).toBe('李四');
  });

  it('recognises erased identifiers in any format, and only those', async () => {
    expect(await wasErased(t.db, t.keyring, 'mobile', '+86 138-1234-5678')).toBe(true);
    expect(await wasErased(t.db, t.keyring, 'mobile', '008613812345678')).toBe(true);
    expect(await wasErased(t.db, t.keyring, 'email', ' ZHANG.SAN@example.COM ')).toBe(true);
    expect(await wasErased(t.db, t.keyring, 'userId', 'u-zhang-1')).toBe(true);
    expect(await wasErased(t.db, t.keyring, 'mobile', '13987654321')).toBe(false);
    expect(await wasErased(t.db, t.keyring, 'mobile', 'not a phone')).toBe(false);
    expect(await wasErased(t.db, t.keyring, 'email', 'li.si@example.com')).toBe(false);
  });
});
