import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuplicateTestApp, type DuplicateTestApp } from './duplicate-test-app.js';

interface Pair {
  id: number;
  customerA: number;
  customerB: number;
  reasons: string[];
  status: string;
}

describe('duplicate review queue', () => {
  let t: DuplicateTestApp;
  const ids: Record<string, number> = {};
  let rep: { id: number; headers: Record<string, string> };

  const create = async (label: string, body: Record<string, unknown>, headers = t.adminHeaders) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/customers', headers, payload: body });
    if (res.statusCode !== 201) throw new Error(`${label}: ${res.body}`);
    ids[label] = res.json().id;
  };
  const scan = () => t.app.inject({ method: 'POST', url: '/api/duplicates/scan', headers: t.adminHeaders });
  const list = async (headers = t.adminHeaders, status = 'pending'): Promise<Pair[]> => {
    const res = await t.app.inject({ url: `/api/duplicates?status=${status}&pageSize=200`, headers });
    expect(res.statusCode).toBe(200);
    return res.json().items;
  };
  const pairOf = (items: Pair[], x: string, y: string) =>
    items.find((p) => [p.customerA, p.customerB].sort().join() === [ids[x]!, ids[y]!].sort().join());

  beforeAll(async () => {
    t = await createDuplicateTestApp();
    rep = await t.userWith('rep@test.local', ['sales_rep']);
    await create('mobile1', { name: '刘洋', mobile: '138 1234 5678' });
    await create('mobile2', { name: '刘洋洋', mobile: '+86 138-1234-5678' });
    await create('zhang1', { name: '张先生', regionCode: '330100' });
    await create('zhang2', { name: 'Mr. Zhang', regionCode: '330100' });
    await create('co1', { name: '杭州云启科技有限公司', kind: 'company' });
    await create('co2', { name: '云启科技（杭州）有限公司', kind: 'company' });
    await create('other1', { name: '李四', regionCode: '330100' });
    await create('other2', { name: '王五', regionCode: '110100', mobile: '13900001111' });
    await create('other3', { name: '杭州云帆物流有限公司', kind: 'company' });
    await create('rep1', { name: '陈女士', regionCode: '440300' }, rep.headers);
    await create('rep2', { name: 'Ms. Chen', regionCode: '440300' }, rep.headers);
    await create('rep3', { name: 'Miss Chen', regionCode: '440300' });
  });
  afterAll(() => t.close());

  it('finds the seeded duplicates with reasons and nothing else, without merging', async () => {
    const res = await scan();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ customers: 12, inserted: 6, matches: 6 });
    const items = await list();
    expect(pairOf(items, 'mobile1', 'mobile2')?.reasons).toContain('mobile:exact');
    expect(pairOf(items, 'zhang1', 'zhang2')?.reasons).toEqual(['surname:exact', 'title:exact', 'region:exact']);
    expect(pairOf(items, 'co1', 'co2')?.reasons).toContain('org:exact');
    expect(pairOf(items, 'rep1', 'rep2')).toBeDefined();
    expect(items).toHaveLength(6); // + rep1/rep3 and rep2/rep3
    for (const other of ['other1', 'other2', 'other3']) expect(items.some((p) => [p.customerA, p.customerB].includes(ids[other]!))).toBe(false);
    for (const p of items) expect(p.customerA).toBeLessThan(p.customerB);
    const n = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');
    expect(n.rows[0]!.n).toBe(12);
    const audit = await t.db.query(`SELECT changes FROM audit_log WHERE action = 'duplicate.scan'`);
    expect(audit.rows[0]?.changes).toMatchObject({ inserted: 6 });
  });

  it('lists only pairs whose two customers the caller can read', async () => {
    const items = await list(rep.headers);
    expect(items.map((p) => [p.customerA, p.customerB])).toEqual([[ids.rep1, ids.rep2]]);
    const other = (await list()).find((p) => p.customerA === ids.zhang1 || p.customerB === ids.zhang1)!;
    const denied = await t.app.inject({ method: 'POST', url: `/api/duplicates/${other.id}/dismiss`, headers: rep.headers });
    expect(denied.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/duplicates/scan', headers: rep.headers })).statusCode).toBe(403);
  });

  it('dismisses and accepts (audited); a dismissed pair is not re-suggested by a second scan', async () => {
    const items = await list();
    const zhang = pairOf(items, 'zhang1', 'zhang2')!;
    const co = pairOf(items, 'co1', 'co2')!;
    const dismissed = await t.app.inject({ method: 'POST', url: `/api/duplicates/${zhang.id}/dismiss`, headers: t.adminHeaders });
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', decidedAt: '2026-06-01T08:00:00.000Z' });
    const accepted = await t.app.inject({ method: 'POST', url: `/api/duplicates/${co.id}/accept`, headers: t.adminHeaders });
    expect(accepted.json()).toMatchObject({ status: 'accepted' });
    const again = await t.app.inject({ method: 'POST', url: `/api/duplicates/${co.id}/dismiss`, headers: t.adminHeaders });
    // co2 no longer exists (merged into co1), so the pair is outside everyone's scope.
    expect(again.statusCode).toBe(404);

    // co2 was merged into co1 (the oldest): 11 customers, 5 matches left, nothing new.
    expect((await scan()).json()).toMatchObject({ customers: 11, matches: 5, inserted: 0 });
    expect(pairOf(await list(), 'zhang1', 'zhang2')).toBeUndefined();
    expect(pairOf(await list(t.adminHeaders, 'dismissed'), 'zhang1', 'zhang2')).toBeDefined();
    expect((await t.app.inject({ url: `/api/customers/${ids.co1}`, headers: t.adminHeaders })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/customers/${ids.co2}`, headers: t.adminHeaders })).statusCode).toBe(404);
    const audit = await t.db.query<{ action: string; record_id: string }>(`SELECT action, record_id FROM audit_log WHERE action LIKE 'duplicate.%' ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['duplicate.scan', 'duplicate.dismiss', 'duplicate.accept', 'duplicate.scan']);
  });

  it('accepting merges into the oldest customer, audited as the reviewer; other pending pairs are re-pointed or dismissed', async () => {
    // rep1 ~ rep2, rep1 ~ rep3, rep2 ~ rep3 are pending; give rep2 an event and an identifier.
    const now = t.clock.now();
    await t.db.query(`INSERT INTO events (customer_id, type, name, occurred_at) VALUES ($1, 'page', 'home', $2), ($3, 'page', 'home', $2)`, [ids.rep1, now, ids.rep2]);
    await t.db.query(`INSERT INTO customer_identifiers (customer_id, type, value_hash, value, created_at) VALUES ($1, 'userId', '\\x01', 'u-rep1', $3), ($2, 'anonymousId', '\\x02', 'a-rep2', $3)`, [ids.rep1, ids.rep2, now]);
    const pending = await list();
    const rep12 = pairOf(pending, 'rep1', 'rep2')!;
    const rep13 = pairOf(pending, 'rep1', 'rep3')!;
    const rep23 = pairOf(pending, 'rep2', 'rep3')!;
    const accepted = await t.app.inject({ method: 'POST', url: `/api/duplicates/${rep23.id}/accept`, headers: t.adminHeaders });
    expect(accepted.statusCode, accepted.body).toBe(200);
    // rep2 is older than rep3: rep3 merged into rep2.
    const left = await t.db.query<{ id: number }>('SELECT id FROM customers WHERE id = ANY($1)', [[ids.rep2, ids.rep3]]);
    expect(left.rows.map((r) => r.id)).toEqual([ids.rep2]);
    // The decided pair stays listed under accepted although rep3 is gone (rep2 is visible).
    expect((await list(t.adminHeaders, 'accepted')).map((p) => p.id)).toContain(rep23.id);
    // rep1 ~ rep3 is re-pointed to rep1 ~ rep2, which exists already: dismissed.
    const after = await t.db.query<{ id: number; status: string }>('SELECT id, status FROM duplicate_candidates WHERE id = ANY($1) ORDER BY id', [[rep12.id, rep13.id]]);
    expect(Object.fromEntries(after.rows.map((r) => [r.id, r.status]))).toEqual({ [rep12.id]: 'pending', [rep13.id]: 'dismissed' });

    // Accept rep1 ~ rep2: rep1 (oldest) keeps both customers' events and identifiers.
    const second = await t.app.inject({ method: 'POST', url: `/api/duplicates/${rep12.id}/accept`, headers: t.adminHeaders });
    expect(second.statusCode, second.body).toBe(200);
    expect((await t.db.query('SELECT 1 FROM customers WHERE id = $1', [ids.rep2])).rows).toHaveLength(0);
    const events = await t.db.query<{ customer_id: number }>('SELECT customer_id FROM events WHERE customer_id = ANY($1)', [[ids.rep1, ids.rep2]]);
    expect(events.rows.map((r) => r.customer_id)).toEqual([ids.rep1, ids.rep1]);
    const idents = await t.db.query<{ customer_id: number; value: string }>('SELECT customer_id, value FROM customer_identifiers ORDER BY value');
    expect(idents.rows).toEqual([{ customer_id: ids.rep1, value: 'a-rep2' }, { customer_id: ids.rep1, value: 'u-rep1' }]);
    const merges = await t.db.query<{ actor_type: string; actor_id: number; record_id: string; changes: Record<string, unknown> }>(
      `SELECT actor_type, actor_id, record_id, changes FROM audit_log WHERE action = 'customer.merge' ORDER BY id`,
    );
    expect(merges.rows.at(-1)).toMatchObject({ actor_type: 'user', record_id: String(ids.rep1), changes: { mergedIds: [ids.rep2], movedEvents: 1, via: 'duplicate_review', duplicateId: rep12.id } });
    const outbox = await t.db.query<{ payload: unknown }>(`SELECT payload FROM outbox WHERE topic = 'customer.merged' ORDER BY id DESC LIMIT 1`);
    expect(outbox.rows[0]?.payload).toEqual({ masterId: ids.rep1, mergedIds: [ids.rep2], sourceId: null });

    // Pairs naming a merged-away customer answer cleanly: decided ones 400, others 404.
    const again = await t.app.inject({ method: 'POST', url: `/api/duplicates/${rep23.id}/accept`, headers: t.adminHeaders });
    expect([400, 404]).toContain(again.statusCode);
    await t.db.query(`UPDATE duplicate_candidates SET status = 'pending' WHERE id = $1`, [rep13.id]);
    const stale = await t.app.inject({ method: 'POST', url: `/api/duplicates/${rep13.id}/accept`, headers: t.adminHeaders });
    expect(stale.statusCode).toBe(404);
    expect((await t.db.query('SELECT 1 FROM customers WHERE id = $1', [ids.rep1])).rows).toHaveLength(1);
  });
});
