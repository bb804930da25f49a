/**
 * Timing of the recompute job and the report on demo data (QUALITY_TIMING=100000 to run; figures go
 * in this module's README). Not part of the normal run: it takes minutes on a shared 2-core box.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { loadDemo } from '../demo/index.js';
import { QUALITY_FIELDS, recomputeQuality } from './index.js';
import { countDuplicates, countFilled, countIssues, duplicatesSql } from './quality-repository.js';

const CUSTOMERS = Number(process.env.QUALITY_TIMING ?? 0);
let t: TestApp | undefined;
afterAll(() => t?.close());

describe.skipIf(CUSTOMERS === 0)(`quality at ${CUSTOMERS} customers`, () => {
  it('recomputes the flags and answers the report', { timeout: 1_800_000 }, async () => {
    t = await createTestApp({ now: new Date('2026-06-01T08:00:00Z') });
    await loadDemo(t.deps, { customers: CUSTOMERS, seed: 42, ordersPerCustomer: 0, eventsPerCustomer: 0 });
    // Demo customers have no address / credit code yet: give them a realistic mix (some invalid).
    await t.db.query(`UPDATE customers SET
      address = (ARRAY['广东省深圳市南山区科技园科苑路15号', '北京朝阳区建国路88号', '杭州西湖区文三路90号 310012', '随便写的', '南山区科技园', '上海市浦东新区世纪大道100号'])[1 + id % 6],
      credit_code = CASE WHEN id % 3 = 0 THEN (ARRAY['91350100M000100Y43', '91350100M000100Y44'])[1 + id % 2] END`);
    const recompute = await recomputeQuality(t.deps);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const res = await t.app.inject({ method: 'GET', url: '/api/quality/report', headers: t.adminHeaders });
      times.push(Math.round(performance.now() - started));
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBe(CUSTOMERS);
    }
    const parts: Record<string, number> = {};
    for (const [name, run] of [['filled', countFilled], ['issues', countIssues], ['duplicates', countDuplicates]] as const) {
      const started = performance.now();
      await run(t.db, QUALITY_FIELDS, 'TRUE', []);
      parts[name] = Math.round(performance.now() - started);
    }
    const started = performance.now();
    await t.db.query('SELECT count(*), count(mobile_bidx), count(email_bidx) FROM customers');
    parts.baselineScan = Math.round(performance.now() - started);
    await t.db.tx(async (sql) => {
      await sql.query(`SET LOCAL work_mem = '256MB'`);
      const plan = await sql.query(`EXPLAIN (ANALYZE, COSTS OFF) ${duplicatesSql('mobile', 'TRUE')}`);
      console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    });
    console.log(JSON.stringify({ customers: CUSTOMERS, recompute, reportMs: times, partsMs: parts }));
  });
});
