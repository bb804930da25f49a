import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { JobWorker } from '../../../platform/jobs/index.js';
import { ANALYSIS_NIGHTLY_JOB, ANALYSIS_RUN_JOB, analysisNightlyJob, analysisRunJob } from './analysis-run-job.js';
import { MODEL_RUNNERS } from './run-registry.js';

type Headers = Record<string, string>;

describe('analysis runs and the RFM grid (real database, HTTP)', () => {
  let t: TestApp;
  let rep: Headers;
  let analyst: Headers;
  let worker: JobWorker;
  const adminCustomers: number[] = [];
  const repCustomers: number[] = [];

  const send = async (method: 'GET' | 'POST', url: string, headers: Headers, payload?: unknown) => t.app.inject({ method, url, headers, payload: payload as object });

  async function customer(name: string, headers: Headers): Promise<number> {
    const res = await send('POST', '/api/customers', headers, { name });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  /** n paid orders of `amount` yuan, the last one `daysAgo` days before 2026-06-01. */
  async function orders(customerId: number, n: number, amount: number, daysAgo: number, headers: Headers) {
    const items = Array.from({ length: n }, (_, i) => ({
      customerId,
      externalId: `o-${customerId}-${i}`,
      channel: '官网',
      status: 'paid',
      orderedAt: new Date(Date.UTC(2026, 5, 1) - (daysAgo + i * 3) * 86_400_000).toISOString(),
      lines: [{ sku: 'sku-1', productName: '商品', quantity: 1, unitPrice: amount }],
    }));
    const res = await send('POST', '/api/orders/batch', headers, { orders: items });
    expect(res.json().errors, res.body).toEqual([]);
  }

  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-06-01T08:00:00Z') });
    // A role granted to start and read analysis runs (nothing on customers).
    const analystRole = (await t.db.query<{ id: number }>(`INSERT INTO roles (name) VALUES ('analyst') RETURNING id`)).rows[0]!.id;
    await t.db.query(`INSERT INTO role_object_permissions (role_id, object, can_read, can_create) VALUES ($1, 'analysis', true, true)`, [analystRole]);
    await t.createUser({ email: 'rep@test.local', roleKeys: ['sales_rep'] });
    await t.createUser({ email: 'analyst@test.local', roleIds: [analystRole] });
    rep = await t.login('rep@test.local', 'password-123');
    analyst = await t.login('analyst@test.local', 'password-123');
    for (let i = 1; i <= 8; i++) {
      const id = await customer(`管理员客户${i}`, t.adminHeaders);
      adminCustomers.push(id);
      await orders(id, i, 100 * i, 5 * (9 - i), t.adminHeaders);
    }
    for (let i = 1; i <= 2; i++) {
      const id = await customer(`销售客户${i}`, rep);
      repCustomers.push(id);
      await orders(id, 1, 50, 200, rep);
    }
    worker = new JobWorker({
      db: t.db,
      clock: t.clock,
      workerId: 'test',
      concurrency: 1,
      pollIntervalMs: 50,
      lockTimeoutMs: 60_000,
      handlers: { [ANALYSIS_RUN_JOB]: analysisRunJob(t), [ANALYSIS_NIGHTLY_JOB]: analysisNightlyJob(t) },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('queues a run, a worker computes it with progress and a summary, and the grid shows it', async () => {
    const queued = await send('POST', '/api/analytics/runs', t.adminHeaders, { model: 'rfm', params: { asOf: '2026-06-01', windowDays: null } });
    expect(queued.statusCode, queued.body).toBe(202);
    expect(queued.json()).toMatchObject({ model: 'rfm', status: 'queued', progress: 0, params: { asOf: '2026-06-01', windowDays: null, method: 'type7' } });
    expect(await worker.runOnce()).toBe(1);
    const run = (await send('GET', `/api/analytics/runs/${queued.json().id}`, t.adminHeaders)).json();
    expect(run).toMatchObject({ status: 'succeeded', progress: 1, summary: { scored: 10, cleared: 0, method: 'type7' } });
    expect(run.summary.segments.reduce((n: number, s: { customers: number }) => n + s.customers, 0)).toBe(10);

    const grid = (await send('GET', '/api/analytics/rfm/grid', t.adminHeaders)).json();
    expect(grid.cells).toHaveLength(25);
    expect(grid.segments).toHaveLength(11);
    expect(grid.total).toMatchObject({ customers: 10, revenue: String(Array.from({ length: 8 }, (_, k) => (k + 1) * (k + 1) * 100).reduce((a, b) => a + b) + 100) + '.00' });
    // The biggest spender ordered most recently: R 5, F 5, M 5 → champions.
    const top = (await send('GET', `/api/customers/${adminCustomers[7]}/360`, t.adminHeaders)).json();
    expect(top.scores.rfm).toMatchObject({ r: 5, f: 5, m: 5, segment: 'champions', nameZh: '重要价值', nameEn: 'Champions', frequency: 8, monetary: '6400.00' });
    const champions = grid.segments.find((s: { segment: string }) => s.segment === 'champions');
    const members = (await send('GET', '/api/analytics/rfm/customers?segment=champions&pageSize=100', t.adminHeaders)).json();
    expect(members.total).toBe(champions.customers);
    expect(members.items[0]).toMatchObject({ id: adminCustomers[7], name: '管理员客户8', segment: 'champions' });
  });

  it('keeps the grid and the member list inside the viewer’s data scope', async () => {
    const grid = (await send('GET', '/api/analytics/rfm/grid', rep)).json();
    expect(grid.total.customers).toBe(2);
    const members = (await send('GET', '/api/analytics/rfm/customers?pageSize=100', rep)).json();
    expect(members.items.map((m: { id: number }) => m.id).sort()).toEqual([...repCustomers].sort());
    const cell = grid.cells.find((c: { customers: number }) => c.customers > 0);
    const inCell = (await send('GET', `/api/analytics/rfm/customers?r=${cell.r}&fm=${cell.fm}`, rep)).json();
    expect(inCell.total).toBe(cell.customers);
  });

  it('allows runs to admins and roles granted analysis create only; reading runs needs analysis read', async () => {
    const denied = await send('POST', '/api/analytics/runs', rep, { model: 'rfm' });
    expect([denied.statusCode, denied.json().error.code]).toEqual([403, 'permission.denied']);
    expect((await send('GET', '/api/analytics/runs?model=rfm', rep)).statusCode).toBe(403);
    const granted = await send('POST', '/api/analytics/runs', analyst, { model: 'rfm', params: { method: 'ntile' } });
    expect(granted.statusCode, granted.body).toBe(202);
    const list = (await send('GET', '/api/analytics/runs?model=rfm', analyst)).json();
    expect(list.items[0]).toMatchObject({ id: granted.json().id, status: 'queued' });
    // The analyst has no read on customers: no grid.
    expect((await send('GET', '/api/analytics/rfm/grid', analyst)).statusCode).toBe(403);
    await worker.runOnce();
    const audit = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'analysis_run.create'`);
    expect(audit.rows[0]!.n).toBe(2);
  });

  it('refuses an unknown model or bad params with the field at fault, storing nothing', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM analysis_runs`)).rows[0]!.n;
    const cases: [unknown, string][] = [
      [{ model: 'astrology' }, 'model'],
      [{ model: 'rfm', params: { windowDays: 0 } }, 'params.windowDays'],
      [{ model: 'rfm', params: { method: 'median' } }, 'params.method'],
      [{ model: 'rfm', params: { asOf: 'yesterday' } }, 'params.asOf'],
      [{ model: 'rfm', params: { colour: 'red' } }, 'params.colour'],
    ];
    for (const [body, field] of cases) {
      const res = await send('POST', '/api/analytics/runs', t.adminHeaders, body);
      expect([res.statusCode, res.json().error.field], JSON.stringify(body)).toEqual([400, field]);
    }
    expect((await t.db.query(`SELECT count(*)::int AS n FROM analysis_runs`)).rows[0]!.n).toBe(before);
    expect((await send('GET', '/api/analytics/runs/999999', t.adminHeaders)).statusCode).toBe(404);
  });

  it('the nightly job queues one run per registered model, run by the worker', async () => {
    await analysisNightlyJob(t)(null, { jobId: 0, name: ANALYSIS_NIGHTLY_JOB, attempt: 1, maxAttempts: 1, workerId: 'test' });
    const queued = (await t.db.query(`SELECT id, model, requested_by FROM analysis_runs WHERE status = 'queued'`)).rows;
    expect(queued.map((r) => r.model).sort()).toEqual([...MODEL_RUNNERS.keys()].sort());
    expect(queued.every((r) => r.requested_by === null)).toBe(true);
    while ((await worker.runOnce()) > 0);
    const rfm = queued.find((r) => r.model === 'rfm')!;
    const run = (await send('GET', `/api/analytics/runs/${rfm.id}`, t.adminHeaders)).json();
    expect(run).toMatchObject({ status: 'succeeded', params: { windowDays: 365, method: 'type7' } });
  });
});
