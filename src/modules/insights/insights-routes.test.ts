import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { InsightsService } from './insights-service.js';

type Headers = Record<string, string>;

/** Shanghai months: the clock is 2026-06-01 16:00 +08:00, so the current month is 2026-06. */
describe('insights API (real database, HTTP): portrait, cohorts, distributions within the data scope', () => {
  let t: TestApp;
  let rep: Headers;
  const ids: Record<string, number> = {};

  const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });

  async function customer(key: string, headers: Headers, fields: Record<string, string>) {
    const res = await t.app.inject({ method: 'POST', url: '/api/customers', headers, payload: { name: `客户${key}`, ...fields } });
    expect(res.statusCode, res.body).toBe(201);
    ids[key] = res.json().id;
  }

  async function orders(key: string, headers: Headers, list: [orderedAt: string, status: 'paid' | 'refunded'][]) {
    const items = list.map(([orderedAt, status], i) => ({
      customerId: ids[key],
      externalId: `o-${key}-${i}`,
      channel: '官网',
      status,
      orderedAt,
      lines: [{ sku: 'sku-1', productName: '商品', quantity: 1, unitPrice: 100 }],
    }));
    const res = await t.app.inject({ method: 'POST', url: '/api/orders/batch', headers, payload: { orders: items } });
    expect(res.json().errors, res.body).toEqual([]);
  }

  async function score(key: string, clv: number, risk: number, level: string, cluster: number, runId: number | null) {
    await t.db.query(
      `INSERT INTO customer_scores (customer_id, clv_value_12m, clv_at, churn_risk, churn_level, churn_at, cluster_id, cluster_run_id)
       VALUES ($1, $2, now(), $3, $4, now(), $5, $6)
       ON CONFLICT (customer_id) DO UPDATE SET cluster_id = EXCLUDED.cluster_id, cluster_run_id = EXCLUDED.cluster_run_id`,
      [ids[key], clv, risk, level, runId === null ? null : cluster, runId],
    );
  }

  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-06-01T08:00:00Z') });
    await t.createUser({ email: 'rep@test.local', roleKeys: ['sales_rep'] });
    rep = await t.login('rep@test.local', 'password-123');
    await customer('A', t.adminHeaders, { regionCode: '440300', industry: 'it', source: 'referral', level: 'A' });
    await customer('B', t.adminHeaders, { regionCode: '440000', industry: 'it', source: 'ads', level: 'B' });
    await customer('C', t.adminHeaders, { regionCode: '310000', industry: 'finance', source: 'ads' });
    await customer('D', t.adminHeaders, {});
    await customer('R', rep, { regionCode: '110000', industry: 'finance', source: 'referral', level: 'A' });
    await orders('A', t.adminHeaders, [['2026-04-10T02:00:00Z', 'paid'], ['2026-05-10T02:00:00Z', 'paid']]);
    await orders('B', t.adminHeaders, [['2026-04-20T02:00:00Z', 'paid']]);
    await orders('C', t.adminHeaders, [['2026-03-01T02:00:00Z', 'paid'], ['2026-05-01T02:00:00Z', 'paid']]);
    // A fully refunded order is no purchase; 2026-05-31 17:00 UTC is already June in Shanghai.
    await orders('D', t.adminHeaders, [['2026-05-05T02:00:00Z', 'refunded'], ['2026-05-31T17:00:00Z', 'paid']]);
    await orders('R', rep, [['2026-04-15T02:00:00Z', 'paid'], ['2026-06-01T01:00:00Z', 'paid']]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('portrait: counts per province (cities folded into their province), industry, source and level with zh/en labels', async () => {
    const res = await get('/api/insights/portrait', t.adminHeaders);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBe(5);
    expect(body.province).toEqual({
      visible: true,
      buckets: [
        { value: '440000', labelZh: '广东省', labelEn: 'Guangdong', customers: 2 },
        { value: '110000', labelZh: '北京市', labelEn: 'Beijing', customers: 1 },
        { value: '310000', labelZh: '上海市', labelEn: 'Shanghai', customers: 1 },
        { value: null, labelZh: '未填写', labelEn: 'Not set', customers: 1 },
      ],
    });
    expect(body.industry.buckets.map((b: { value: string; customers: number }) => [b.value, b.customers])).toEqual([['finance', 2], ['it', 2], [null, 1]]);
    expect(body.source.buckets).toContainEqual({ value: 'referral', labelZh: '转介绍', labelEn: 'Referral', customers: 2 });
    expect(body.level.buckets).toEqual([
      { value: 'A', labelZh: 'A（重点）', labelEn: 'A (key)', customers: 2 },
      { value: 'B', labelZh: 'B（普通）', labelEn: 'B (normal)', customers: 1 },
      { value: null, labelZh: '未填写', labelEn: 'Not set', customers: 2 },
    ]);
  });

  it('cohorts: first-purchase month, share buying again in later months, older cohorts and refunded orders left out', async () => {
    const res = await get('/api/insights/cohorts?months=3', t.adminHeaders);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      computedAt: expect.any(String),
      months: 3,
      timeZone: 'Asia/Shanghai',
      cohorts: [
        { month: '2026-04', customers: 3, retention: [{ offset: 1, customers: 1, share: 0.3333 }, { offset: 2, customers: 1, share: 0.3333 }] },
        { month: '2026-05', customers: 0, retention: [{ offset: 1, customers: 0, share: 0 }, null] },
        { month: '2026-06', customers: 1, retention: [null, null] },
      ],
    });
    const bad = await get('/api/insights/cohorts?months=1', t.adminHeaders);
    expect(bad.statusCode).toBe(400);
  });

  it('distributions: no scores and no clustering run yet → empty figures and clusters null', async () => {
    const res = await get('/api/insights/distributions', t.adminHeaders);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().clv).toEqual({ customers: 0, bars: [] });
    expect(res.json().churn.customers).toBe(0);
    expect(res.json().clusters).toBeNull();
  });

  it('distributions: CLV bars up to the 99th percentile, churn levels and bands, the latest clustering run', async () => {
    const summary = {
      k: 2,
      features: ['log_monetary', 'recency_days'],
      sizes: [2, 1],
      centroids: [{ log_monetary: 6.2, recency_days: 20 }, { log_monetary: 3.1, recency_days: 200 }],
      zCentroids: [{ log_monetary: 1.2, recency_days: -0.8 }, { log_monetary: -1.1, recency_days: 1.4 }],
      descriptions: [
        { cluster: 0, nameZh: '高价值活跃客户', nameEn: 'high value, active', actionZh: '会员专属权益', actionEn: 'member perks', traitsZh: '消费金额高', traitsEn: 'monetary high' },
        { cluster: 1, nameZh: '低价值沉睡客户', nameEn: 'low value, asleep', actionZh: '低成本唤醒', actionEn: 'low-cost win-back', traitsZh: '距上次购买天数高', traitsEn: 'recency high' },
      ],
    };
    const run = (await t.db.query<{ id: number }>(`INSERT INTO analysis_runs (model, status, progress, summary, created_at, finished_at) VALUES ('clusters', 'succeeded', 1, $1, now(), now()) RETURNING id::int`, [summary])).rows[0]!.id;
    await score('A', 100, 0.15, 'low', 0, run);
    await score('B', 2500, 0.95, 'high', 0, run);
    await score('R', 50, 0.55, 'medium', 1, run);
    const body = (await get('/api/insights/distributions', t.adminHeaders)).json();
    expect(body.clv.customers).toBe(3);
    expect(body.clv.bars).toHaveLength(11);
    expect(body.clv.bars[0]).toEqual({ from: 0, to: 250, customers: 2 });
    expect(body.clv.bars[10]).toEqual({ from: 2500, to: null, customers: 1 });
    expect(body.churn.levels).toEqual([{ level: 'low', customers: 1 }, { level: 'medium', customers: 1 }, { level: 'high', customers: 1 }]);
    expect(body.churn.bands.filter((b: { customers: number }) => b.customers > 0).map((b: { from: number }) => b.from)).toEqual([0.1, 0.5, 0.9]);
    expect(body.clusters).toMatchObject({ runId: run, k: 2, features: ['log_monetary', 'recency_days'] });
    expect(body.clusters.clusters[0]).toMatchObject({ size: 2, customersInScope: 2, nameEn: 'high value, active', actionZh: '会员专属权益', radar: { log_monetary: 1, recency_days: 0 } });
    expect(body.clusters.clusters[1]).toMatchObject({ size: 1, customersInScope: 1, radar: { log_monetary: 0, recency_days: 1 } });
  });

  it('data scope 本人: a sales rep sees only the aggregates of their own customers', async () => {
    const portrait = (await get('/api/insights/portrait', rep)).json();
    expect(portrait.total).toBe(1);
    expect(portrait.province.buckets).toEqual([{ value: '110000', labelZh: '北京市', labelEn: 'Beijing', customers: 1 }]);
    const cohorts = (await get('/api/insights/cohorts?months=3', rep)).json();
    expect(cohorts.cohorts[0]).toEqual({ month: '2026-04', customers: 1, retention: [{ offset: 1, customers: 0, share: 0 }, { offset: 2, customers: 1, share: 1 }] });
    expect(cohorts.cohorts[2].customers).toBe(0);
    const distributions = (await get('/api/insights/distributions', rep)).json();
    expect(distributions.clv.customers).toBe(1);
    expect(distributions.churn.levels).toEqual([{ level: 'low', customers: 0 }, { level: 'medium', customers: 1 }, { level: 'high', customers: 0 }]);
    expect(distributions.clusters.clusters.map((c: { customersInScope: number }) => c.customersInScope)).toEqual([0, 1]);
  });

  it('a portrait dimension whose field the caller may not see is left out', async () => {
    const role = (await t.db.query<{ id: number }>(`INSERT INTO roles (key, name) VALUES ('no_industry', 'no industry') RETURNING id`)).rows[0]!.id;
    await t.db.query(`INSERT INTO role_object_permissions (role_id, object, can_read, data_scope) VALUES ($1, 'customer', true, 'all')`, [role]);
    await t.db.query(
      `INSERT INTO role_field_permissions (role_id, object, field, access, masked) SELECT $1, 'customer', f, 'read', false FROM unnest($2::text[]) AS f`,
      [role, ['name', 'level', 'source', 'regionCode']],
    );
    await t.createUser({ email: 'noindustry@test.local', roleIds: [role] });
    const body = (await get('/api/insights/portrait', await t.login('noindustry@test.local', 'password-123'))).json();
    expect(body.total).toBe(5);
    expect(body.industry).toEqual({ visible: false, buckets: [] });
    expect(body.level.visible).toBe(true);
    expect(body.province.buckets[0]).toMatchObject({ value: '440000', customers: 2 });
  });

  it('needs read on customers and a session', async () => {
    expect((await get('/api/insights/portrait', {})).statusCode).toBe(401);
    await t.db.query(`INSERT INTO roles (key, name) VALUES ('nothing', 'nothing')`);
    await t.createUser({ email: 'none@test.local', roleKeys: ['nothing'] });
    const none = await t.login('none@test.local', 'password-123');
    for (const url of ['/api/insights/portrait', '/api/insights/cohorts', '/api/insights/distributions']) {
      const res = await get(url, none);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('permission.denied');
    }
  });
  it('figures are kept per scope for an hour (computedAt says when), recomputed on refresh=true, after an hour, or by the nightly warm-up', async () => {
    // The clustering run above finished at the database's now(), after this test's clock: move it back,
    // or every snapshot would be older than the newest run (and so never served).
    await t.db.query(`UPDATE analysis_runs SET finished_at = $1::timestamptz - interval '1 day'`, [t.clock.now()]);
    const first = (await get('/api/insights/portrait', t.adminHeaders)).json();
    expect(first.computedAt).toBe(t.clock.now().toISOString());
    await customer('N', t.adminHeaders, { regionCode: '110000' });
    t.clock.advance(60_000);
    const kept = (await get('/api/insights/portrait', t.adminHeaders)).json();
    expect(kept).toEqual(first);
    const fresh = (await get('/api/insights/portrait?refresh=true', t.adminHeaders)).json();
    expect(fresh.total).toBe(first.total + 1);
    expect(fresh.computedAt).toBe(t.clock.now().toISOString());
    // The rep's scope has its own figures (their one customer), not the admin's kept ones.
    expect((await get('/api/insights/portrait', rep)).json().total).toBe(1);
    t.clock.advance(3_600_000);
    const later = (await get('/api/insights/portrait', t.adminHeaders)).json();
    expect(later.computedAt).toBe(t.clock.now().toISOString());
    // The nightly warm-up recomputes the whole-company figures an admin is served.
    t.clock.advance(60_000);
    await new InsightsService(t.deps).warm();
    const warmed = (await get('/api/insights/cohorts', t.adminHeaders)).json();
    expect(warmed.computedAt).toBe(t.clock.now().toISOString());
    expect((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM insight_snapshots WHERE computed_at = $1`, [t.clock.now()])).rows[0]!.n).toBe(3);
  });
});
