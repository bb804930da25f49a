import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeTraits } from '../customer360/index.js';
import { basicAuth, createIngestTestApp, type IngestTestApp } from './ingest-test-app.js';
import { customerState } from './merge-test-state.js';

describe('manual merge and unmerge', () => {
  let t: IngestTestApp;
  let auth: Record<string, string>;
  let a: number;
  let b: number;
  let c: number;
  let repId: number;
  let repHeaders: Record<string, string>;
  const track = (type: string, payload: object) => t.app.inject({ method: 'POST', url: `/v1/${type}`, headers: auth, payload });
  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers = t.adminHeaders) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const lookup = async (type: string, value: string) => (await api('GET', `/api/customers/lookup?type=${type}&value=${value}`)).json().id as number | undefined;

  beforeAll(async () => {
    t = await createIngestTestApp();
    auth = basicAuth((await t.createSource()).writeKey);
    const field = await api('POST', '/api/admin/custom-fields', {
      object: 'customer', key: 'interests', labelZh: '兴趣', labelEn: 'Interests', type: 'multiselect',
      options: ['tea', 'golf', 'wine'].map((v) => ({ value: v, labelZh: v, labelEn: v })),
    });
    expect(field.statusCode, field.body).toBe(201);
    expect((await track('identify', { userId: 'u-a', messageId: 'm-a1', traits: { name: '王芳' } })).statusCode).toBe(200);
    a = (await lookup('userId', 'u-a'))!;
    t.clock.advance(60_000);
    await track('page', { anonymousId: 'anon-b', messageId: 'm-b1', name: 'Home' });
    await track('track', { anonymousId: 'anon-b', messageId: 'm-b2', event: 'Viewed' });
    b = (await lookup('anonymousId', 'anon-b'))!;
    t.clock.advance(60_000);
    expect((await api('PATCH', `/api/customers/${a}`, { level: 'A', cf_interests: ['tea'] })).statusCode).toBe(200);
    t.clock.advance(60_000);
    expect((await api('PATCH', `/api/customers/${b}`, { name: '王芳芳', company: '云启科技', mobile: '13800001111', cf_interests: ['golf', 'tea'] })).statusCode).toBe(200);
    c = (await api('POST', '/api/customers', { name: '第三人' })).json().id;
    repId = await t.createUser({ email: 'rep@merge.test', roleKeys: ['sales_rep'] });
    repHeaders = await t.login('rep@merge.test', 'password-123');
    const now = t.clock.now();
    // B owns an order with lines and key, consent entries, a team member, scores and a pending duplicate pair.
    const order = await t.db.query<{ id: number }>(`INSERT INTO orders (customer_id, order_no, amount, channel, status, ordered_at, created_at, external_id, source) VALUES ($1, 'O-1', 99, 'web', 'paid', $2, $2, 'ext-1', 'shop') RETURNING id`, [b, now]);
    const orderId = order.rows[0]!.id;
    await t.db.query(`INSERT INTO order_lines (customer_id, order_id, line_no, sku, product_name, quantity, unit_price, amount) VALUES ($1, $2, 1, 'SKU', '茶', 1, 99, 99)`, [b, orderId]);
    await t.db.query(`INSERT INTO order_keys (source, external_id, customer_id, order_id, created_at) VALUES ('shop', 'ext-1', $1, $2, $3)`, [b, orderId, now]);
    await t.db.query(`INSERT INTO consent_events (customer_id, purpose, channel, status, occurred_at, recorded_at, source, actor_type) VALUES ($1, 'marketing', 'sms', 'granted', $2, $2, 'api', 'system')`, [b, now]);
    await t.db.query(`INSERT INTO customer_team (customer_id, user_id, access) VALUES ($1, $2, 'write')`, [b, repId]);
    await t.db.query(`INSERT INTO customer_scores (customer_id, rfm_segment, churn_reasons) VALUES ($1, 'champions', '{late}')`, [b]);
    await t.db.query(`INSERT INTO customer_tags (customer_id, tag, created_at) VALUES ($1, 'vip', $3), ($2, 'vip', $3), ($2, 'wine', $3)`, [a, b, now]);
    await t.db.query(`INSERT INTO duplicate_candidates (customer_a, customer_b, score, created_at) VALUES ($1, $2, 0.9, $3)`, [b, c, now]);
    await computeTraits(t.db, [a, b, c], now);
  });
  afterAll(() => t.close());

  it('previews the merged value of each field per strategy, master (oldest) first', async () => {
    const res = await api('POST', `/api/customers/${b}/merge/preview`, { otherIds: [a], strategies: { company: 'oldest' } });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json();
    expect(preview.masterId).toBe(a);
    expect(preview.customers.map((p: { id: number; master: boolean }) => [p.id, p.master])).toEqual([[a, true], [b, false]]);
    const field = (key: string) => preview.fields.find((f: { key: string }) => f.key === key);
    expect(field('company')).toMatchObject({ strategy: 'oldest', result: null, results: { non_empty: '云启科技', most_recent: '云启科技', oldest: null } });
    expect(field('name')).toMatchObject({ strategy: 'non_empty', result: '王芳', results: { most_recent: '王芳芳' } });
    expect(field('cf_interests')).toMatchObject({ strategy: 'union', result: ['tea', 'golf'], strategies: ['most_recent', 'oldest', 'non_empty', 'union'] });
    expect(field('mobile').values).toEqual([{ customerId: a, value: null }, { customerId: b, value: '138****1111' }]);
    expect((await api('POST', `/api/customers/${a}/merge/preview`, { otherIds: [b], strategies: { name: 'union' } })).json().error).toMatchObject({ code: 'field.invalid_value', field: 'strategies.name' });
    expect((await api('POST', `/api/customers/${a}/merge/preview`, { otherIds: [b], strategies: { nope: 'oldest' } })).statusCode).toBe(400);
  });

  it('refuses a merge unless the caller may write every customer involved', async () => {
    const res = await api('POST', `/api/customers/${a}/merge`, { otherIds: [b] }, repHeaders);
    expect(res.statusCode).toBe(404); // rep is a team member of B only
    expect((await api('POST', `/api/customers/${a}/merge`, { otherIds: [999_999] })).statusCode).toBe(404);
    expect((await api('POST', `/api/customers/${a}/merge`, { otherIds: [] })).statusCode).toBe(400);
    expect((await t.db.query('SELECT 1 FROM customers WHERE id = ANY($1)', [[a, b]])).rowCount).toBe(2);
  });

  it('merges with per-field strategies, moves everything, and unmerge restores every row', async () => {
    const mergedAtTime = t.clock.now();
    const before = await customerState(t.db, [a, b, c]);
    const res = await api('POST', `/api/customers/${b}/merge`, { otherIds: [a], strategies: { name: 'most_recent' } });
    expect(res.statusCode, res.body).toBe(200);
    const { masterId, mergedIds, mergeIds } = res.json();
    expect([masterId, mergedIds]).toEqual([a, [b]]);
    const master = (await api('GET', `/api/customers/${a}`)).json();
    expect(master).toMatchObject({ name: '王芳芳', level: 'A', company: '云启科技', mobile: '138****1111', cf_interests: ['tea', 'golf'] });
    expect((await api('GET', `/api/customers/${b}`)).statusCode).toBe(404);
    expect(await lookup('anonymousId', 'anon-b')).toBe(a);
    const owned = async (table: string) => (await t.db.query<{ customer_id: number }>(`SELECT DISTINCT customer_id FROM ${table} WHERE customer_id = ANY($1)`, [[a, b]])).rows.map((r) => r.customer_id);
    for (const table of ['events', 'orders', 'order_lines', 'order_keys', 'consent_events', 'customer_team', 'customer_identifiers', 'customer_tags']) expect(await owned(table), table).toEqual([a]);
    expect((await t.db.query<{ tag: string }>('SELECT tag FROM customer_tags WHERE customer_id = $1 ORDER BY tag', [a])).rows.map((r) => r.tag)).toEqual(['vip', 'wine']);
    expect((await t.db.query('SELECT customer_a, customer_b FROM duplicate_candidates')).rows).toEqual([{ customer_a: a, customer_b: c }]);
    expect((await t.db.query('SELECT order_count FROM customer_traits WHERE customer_id = $1', [a])).rows[0]).toEqual({ order_count: 1 });
    const audit = await t.db.query(`SELECT changes FROM audit_log WHERE action = 'customer.merge' AND record_id = $1`, [String(a)]);
    expect(audit.rows.at(-1)?.changes).toMatchObject({ mergedIds: [b], mergeIds, strategies: { name: 'most_recent' }, movedEvents: 2 });
    const history = (await api('GET', `/api/customers/${a}/merges`)).json().items;
    expect(history).toEqual([expect.objectContaining({ id: mergeIds[0], masterId: a, mergedId: b, mergedName: '王芳芳', via: 'manual', undoable: true, moved: expect.objectContaining({ events: 2, orders: 1, identifiers: 1 }) })]);

    // After the merge: the restored customer's anonymousId comes back with its new events; the master's userId stays.
    t.clock.advance(60_000);
    await track('page', { anonymousId: 'anon-b', messageId: 'm-b3', name: 'After' });
    await track('track', { userId: 'u-a', anonymousId: 'anon-b', messageId: 'm-a2', event: 'Both' });
    const undo = await api('POST', `/api/customers/merges/${mergeIds[0]}/unmerge`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json()).toMatchObject({ masterId: a, restoredId: b, restoredFields: expect.arrayContaining(['name', 'company', 'mobile_enc', 'cf_interests']) });
    const late = await t.db.query<{ message_id: string; customer_id: number }>(`SELECT message_id, customer_id FROM events WHERE message_id IN ('m-b3', 'm-a2') ORDER BY message_id`);
    expect(late.rows).toEqual([{ message_id: 'm-a2', customer_id: a }, { message_id: 'm-b3', customer_id: b }]);
    expect(await lookup('anonymousId', 'anon-b')).toBe(b);
    // Without the two later events, every customer-owned row is back as it was.
    await t.db.query(`DELETE FROM ingested_messages WHERE message_id IN ('m-b3', 'm-a2')`);
    await t.db.query(`DELETE FROM events WHERE message_id IN ('m-b3', 'm-a2')`);
    await computeTraits(t.db, [a, b, c], mergedAtTime);
    expect(await customerState(t.db, [a, b, c])).toEqual(before);
    const again = await api('POST', `/api/customers/merges/${mergeIds[0]}/unmerge`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('merge.not_undoable');
    expect((await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'customer.unmerge' AND record_id = $1`, [String(a)])).rowCount).toBe(1);
    expect((await api('GET', `/api/customers/${b}/merges`)).json().items[0]).toMatchObject({ undoable: false, unmergedAt: expect.any(String) });
  });

  it('refuses to undo a merge whose master was merged away since', async () => {
    const first = (await api('POST', `/api/customers/${c}/merge`, { otherIds: [b] })).json();
    expect(first.masterId).toBe(b);
    const second = (await api('POST', `/api/customers/${a}/merge`, { otherIds: [b] })).json();
    expect(second.masterId).toBe(a);
    const blocked = await api('POST', `/api/customers/merges/${first.mergeIds[0]}/unmerge`);
    expect(blocked.statusCode).toBe(409);
    expect((await api('POST', `/api/customers/merges/${second.mergeIds[0]}/unmerge`)).statusCode).toBe(200);
    expect((await api('POST', `/api/customers/merges/${first.mergeIds[0]}/unmerge`)).statusCode).toBe(200);
    expect((await t.db.query('SELECT id FROM customers WHERE id = ANY($1) ORDER BY id', [[a, b, c]])).rows.map((r) => r.id)).toEqual([a, b, c]);
  });
});
