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
    expect(again.statusCode).toBe(400);

    expect((await scan()).json()).toMatchObject({ matches: 6, inserted: 0 });
    expect(pairOf(await list(), 'zhang1', 'zhang2')).toBeUndefined();
    expect(pairOf(await list(t.adminHeaders, 'dismissed'), 'zhang1', 'zhang2')).toBeDefined();
    // Accepting merges nothing: both customers are still there.
    for (const c of ['co1', 'co2']) expect((await t.app.inject({ url: `/api/customers/${ids[c]}`, headers: t.adminHeaders })).statusCode).toBe(200);
    const audit = await t.db.query<{ action: string; record_id: string }>(`SELECT action, record_id FROM audit_log WHERE action LIKE 'duplicate.%' ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['duplicate.scan', 'duplicate.dismiss', 'duplicate.accept', 'duplicate.scan']);
  });
});
