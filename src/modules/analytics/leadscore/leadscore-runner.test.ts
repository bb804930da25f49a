import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { insertCustomersWithOrders, runModelJob } from '../runs/runner-test-data.js';
import { scoreLead } from './lead-scoring.js';

describe('leadscore runner (real database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-06-01T04:00:00Z') });
  });
  afterAll(async () => {
    await t.close();
  });

  it('fails with analysis.too_little_data when there is no customer', async () => {
    const run = await runModelJob(t, 'leadscore', {});
    expect(run).toMatchObject({ status: 'failed', errorCode: 'analysis.too_little_data' });
  });

  it('stores rule points and grades for every customer and a fitted has-paid-order probability', async () => {
    await insertCustomersWithOrders(t, 80, 1000);
    // A quarter never bought (independent of their profile), some browsed and opened emails.
    await t.db.query(`DELETE FROM orders WHERE customer_id % 4 = 0`);
    await t.db.query(
      `INSERT INTO customer_traits (customer_id, event_counts, last_seen_at, computed_at)
       SELECT g, jsonb_build_object('page:首页', jsonb_build_object('7d', 0, '30d', (g / 3) % 5, '90d', (g / 3) % 5), 'track:email_opened', jsonb_build_object('7d', 0, '30d', 0, '90d', (g / 2) % 4)), $1::timestamptz - interval '3 days', $1
       FROM generate_series(1000, 1079) g WHERE g % 3 <> 2`,
      [t.clock.now()],
    );
    const started = performance.now();
    const run = await runModelJob(t, 'leadscore', {});
    console.info(`leadscore run on 80 customers: ${(performance.now() - started).toFixed(0)} ms`);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    const summary = run.summary as { customers: number; positives: number; grades: Record<string, number>; model: { names: string[]; coefficients: number[]; standardErrors: number[]; auc: number } | null; modelSkipped: string | null };
    expect(summary).toMatchObject({ customers: 80, positives: 60, modelSkipped: null });
    expect(Object.values(summary.grades).reduce((a, b) => a + b, 0)).toBe(80);
    expect(summary.model!.names[0]).toBe('(Intercept)');
    expect(summary.model!.names).not.toContain('purchaseHistory');
    expect(summary.model!.coefficients).toHaveLength(summary.model!.standardErrors.length);
    expect(summary.model!.auc).toBeGreaterThan(0);
    expect(summary.model!.auc).toBeLessThanOrEqual(1);
    // Customer 1003 (source 官网, industry 制造业, region missing, 4 pages, 1 email open, 2 orders,
    // seen 3 days ago): the stored points are the pure scoreLead's.
    const row = (await t.db.query(`SELECT lead_points, lead_grade, lead_probability FROM customer_scores WHERE customer_id = 1003`)).rows[0]!;
    const expected = scoreLead({ source: '官网', industry: '制造业', pagesViewed: 4, emailOpens: 1, emailClicks: 0, previousOrders: 2, daysSinceLastActivity: 3, whitepaperDownloaded: false, webinarAttended: false });
    expect(row).toMatchObject({ lead_points: expected.total, lead_grade: expected.grade });
    expect(row.lead_probability).toBeGreaterThan(0);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM customer_scores WHERE lead_at IS NOT NULL AND lead_probability IS NOT NULL`)).rows[0]!.n).toBe(80);
  });

  it('fails the run naming params.target when the custom field does not exist', async () => {
    const run = await runModelJob(t, 'leadscore', { target: 'field:converted' });
    expect(run).toMatchObject({ status: 'failed', errorCode: 'field.invalid_value' });
  });
});
