import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { JobWorker } from '../../platform/jobs/index.js';
import { QUALITY_JOB, qualityRecomputeJob, qualitySubscription } from './index.js';

let t: TestApp;
const ids: Record<string, number> = {};

async function create(key: string, body: Record<string, unknown>, headers = t.adminHeaders) {
  const res = await t.app.inject({ method: 'POST', url: '/api/customers', headers, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  ids[key] = res.json().id;
}

async function runJobs() {
  const worker = new JobWorker({ db: t.db, clock: t.clock, handlers: { [QUALITY_JOB]: qualityRecomputeJob(t.deps) }, workerId: 'test', concurrency: 1, pollIntervalMs: 10, lockTimeoutMs: 30_000 });
  return worker.runOnce();
}

const report = async (headers = t.adminHeaders) => {
  const res = await t.app.inject({ method: 'GET', url: '/api/quality/report', headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { total: number; fields: Array<Record<string, unknown> & { field: string; examples: Record<string, number[]> }> };
};
const fieldOf = (r: Awaited<ReturnType<typeof report>>, field: string) => r.fields.find((f) => f.field === field)!;

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-06-01T08:00:00Z') });
  await create('good', { name: '张三', mobile: '13812345678', email: 'zhang@example.com', address: '广东省深圳市南山区科技园', regionCode: '440300', idNumber: '11010519491231002X' });
  await create('sameMobile', { name: '张三丰', mobile: '+86 138-1234-5678', address: '北京朝阳区建国路88号' });
  await create('dataOnly', { name: '测试', mobile: '14012345678', address: '随便写的地址', creditCode: '91350100M000100Y43' });
  await create('mismatch', { name: '李四', email: 'ZHANG@example.com', address: '杭州市西湖区文三路', regionCode: '440300', creditCode: '91350100M000100Y44' });
  // A legacy value the API would refuse today (e.g. from an older import): kept, and flagged.
  await t.db.query('UPDATE customers SET email_enc = $2, email_bidx = $3 WHERE id = $1', [ids.good, t.keyring.encrypt('bad@@example'), t.keyring.blindIndex('email', 'bad@@example')]);
  await t.db.query(`UPDATE customers SET region_code = '999999' WHERE id = $1`, [ids.sameMobile]);
});

afterAll(() => t?.close());

describe('data-quality report', () => {
  it('queues a recompute (admin, audited) whose job flags invalid values without dropping them', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/quality/recompute', headers: t.adminHeaders });
    expect(res.statusCode, res.body).toBe(202);
    expect(await runJobs()).toBe(1);
    const flags = await t.db.query<{ customer_id: string; field: string; issue: string; reason: string }>('SELECT * FROM customer_quality ORDER BY customer_id, field');
    const has = (key: string, field: string, issue: string) => flags.rows.some((f) => Number(f.customer_id) === ids[key] && f.field === field && f.issue === issue);
    expect(has('good', 'email', 'invalid')).toBe(true);
    expect(has('dataOnly', 'mobile', 'suspicious')).toBe(true);
    expect(has('dataOnly', 'name', 'invalid')).toBe(true);
    expect(has('dataOnly', 'address', 'invalid')).toBe(true);
    expect(has('mismatch', 'address', 'suspicious')).toBe(true);
    expect(has('mismatch', 'creditCode', 'invalid')).toBe(true);
    expect(has('dataOnly', 'creditCode', 'invalid')).toBe(false);
    expect(has('sameMobile', 'region', 'invalid')).toBe(true);
    expect(flags.rows.filter((f) => Number(f.customer_id) === ids.good && f.field !== 'email')).toEqual([]);
    const kept = await t.db.query('SELECT email_enc FROM customers WHERE id = $1', [ids.good]);
    expect(t.keyring.decrypt(kept.rows[0]!.email_enc)).toBe('bad@@example');
    const audit = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'quality.recompute'`);
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('counts filled, invalid and duplicate values per field (duplicates by blind index)', async () => {
    const r = await report();
    expect(r.total).toBe(4);
    expect(fieldOf(r, 'mobile')).toMatchObject({ filled: 3, invalid: 0, suspicious: 1, duplicate: 2, duplicateShare: 0.6667 });
    expect(fieldOf(r, 'mobile').examples.duplicate).toEqual([ids.good, ids.sameMobile]);
    expect(fieldOf(r, 'email')).toMatchObject({ filled: 2, invalid: 1, invalidShare: 0.5, duplicate: 0 });
    expect(fieldOf(r, 'address')).toMatchObject({ filled: 4, invalid: 1, suspicious: 1, examples: { invalid: [ids.dataOnly], suspicious: [ids.mismatch], duplicate: [] } });
    expect(fieldOf(r, 'region')).toMatchObject({ filled: 3, invalid: 1, duplicate: null, duplicateShare: null });
    expect(fieldOf(r, 'creditCode')).toMatchObject({ filled: 2, invalid: 1 });
    expect(fieldOf(r, 'name')).toMatchObject({ filled: 4, invalid: 1, filledShare: 1 });
  });

  it('re-flags a customer on write through the outbox subscription', async () => {
    await t.app.inject({ method: 'PATCH', url: `/api/customers/${ids.mismatch}`, headers: t.adminHeaders, payload: { address: '广东省深圳市福田区福华路' } });
    const event = (await t.db.query(`SELECT * FROM outbox WHERE topic = 'customer.updated' ORDER BY id DESC LIMIT 1`)).rows[0]!;
    await qualitySubscription(t.deps).handle(
      { id: Number(event.id), topic: event.topic, aggregateType: event.aggregate_type, aggregateId: event.aggregate_id, payload: event.payload, createdAt: event.created_at },
      { jobId: 1, name: 'x', attempt: 1, maxAttempts: 1, workerId: 'test' },
    );
    expect(fieldOf(await report(), 'address')).toMatchObject({ suspicious: 0, invalid: 1 });
  });

  it('flags the customers an import created (customer.imported range)', async () => {
    const csv = '客户名称,地址\n导入甲,随便写的地址\n导入乙,上海市浦东新区世纪大道100号\n';
    const res = await t.app.inject({ method: 'POST', url: '/api/imports/customers?mode=commit', headers: { ...t.adminHeaders, 'content-type': 'text/csv' }, payload: csv });
    expect(res.statusCode, res.body).toBe(200);
    const event = (await t.db.query(`SELECT * FROM outbox WHERE topic = 'customer.imported' ORDER BY id DESC LIMIT 1`)).rows[0]!;
    await qualitySubscription(t.deps).handle(
      { id: Number(event.id), topic: event.topic, aggregateType: event.aggregate_type, aggregateId: event.aggregate_id, payload: event.payload, createdAt: event.created_at },
      { jobId: 1, name: 'x', attempt: 1, maxAttempts: 1, workerId: 'test' },
    );
    const flags = await t.db.query(`SELECT customer_id FROM customer_quality WHERE field = 'address' AND issue = 'invalid' AND customer_id = $1`, [res.json().firstId]);
    expect(flags.rows).toHaveLength(1);
    expect(fieldOf(await report(), 'address')).toMatchObject({ invalid: 2 });
  });

  it('lets a role with the export right see its own scope only; others get 403', async () => {
    const managerId = await t.createUser({ email: 'manager@test.local', roleKeys: ['sales_manager'], departmentId: null });
    const manager = await t.login('manager@test.local', 'password-123');
    await create('own', { name: '未知' }, manager);
    const scoped = await report(manager);
    expect(scoped.total).toBe(1);
    expect(fieldOf(scoped, 'mobile').examples.duplicate).toEqual([]);
    expect(managerId).toBeGreaterThan(0);
    await t.createUser({ email: 'rep@test.local', roleKeys: ['sales_rep'] });
    const rep = await t.login('rep@test.local', 'password-123');
    const denied = await t.app.inject({ method: 'GET', url: '/api/quality/report', headers: rep });
    expect(denied.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/quality/recompute', headers: manager })).statusCode).toBe(403);
  });
});
