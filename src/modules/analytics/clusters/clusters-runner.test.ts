import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { insertCustomersWithOrders, runModelJob } from '../runs/runner-test-data.js';
import { clustersRunner } from './clusters-runner.js';

describe('clusters runner (real database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-06-01T04:00:00Z') });
  });
  afterAll(async () => {
    await t.close();
  });

  it('fails with analysis.too_little_data when fewer customers bought than the k range needs', async () => {
    await insertCustomersWithOrders(t, 12, 500);
    const run = await runModelJob(t, 'clusters', {});
    expect(run).toMatchObject({ status: 'failed', errorCode: 'analysis.too_little_data' });
    expect(run.errorMessage).toMatch(/12 customers/);
  });

  it('clusters every buyer, stores cluster_id and the run id, and summarises sizes, centroids and descriptions', async () => {
    await insertCustomersWithOrders(t, 60, 1000);
    const started = performance.now();
    const run = await runModelJob(t, 'clusters', { kMin: 2, kMax: 5, restarts: 3 });
    console.info(`clusters run on 72 customers × 6 features: ${(performance.now() - started).toFixed(0)} ms`);
    expect(run.status, run.errorMessage ?? '').toBe('succeeded');
    const summary = run.summary as { k: number; n: number; sizes: number[]; centroids: Record<string, number>[]; zCentroids: unknown[]; descriptions: { cluster: number; nameZh: string; actionEn: string }[]; silhouette: number; stored: number; topChannel: string };
    expect(summary.n).toBe(72);
    expect(summary.k).toBeGreaterThanOrEqual(2);
    expect(summary.k).toBeLessThanOrEqual(5);
    expect(summary.sizes.reduce((a, b) => a + b, 0)).toBe(72);
    expect(summary.centroids).toHaveLength(summary.k);
    expect(summary.zCentroids).toHaveLength(summary.k);
    expect(summary.descriptions.map((d) => d.cluster)).toEqual([...Array(summary.k).keys()]);
    expect(summary.descriptions[0]!.nameZh).not.toBe('');
    expect(summary.topChannel).toBe('官网');
    // Stored sizes agree with the summary; every label names this run.
    const stored = (await t.db.query(`SELECT cluster_id AS c, count(*)::int AS n FROM customer_scores WHERE cluster_run_id = $1 GROUP BY 1 ORDER BY 1`, [run.id])).rows;
    expect(stored.map((r) => r.n)).toEqual(summary.sizes);
    // Centroids in original units: the frequency centroid weighted by size is the mean frequency.
    const meanFrequency = (await t.db.query(`SELECT avg(n)::float8 AS m FROM (SELECT count(*) AS n FROM orders GROUP BY customer_id) x`)).rows[0]!.m;
    const weighted = summary.centroids.reduce((sum, c, i) => sum + c.frequency! * summary.sizes[i]!, 0) / 72;
    expect(weighted).toBeCloseTo(meanFrequency, 8);
  });

  it('is reproducible for a seed and honours a chosen feature list', async () => {
    const labels = async (runId: number) => (await t.db.query(`SELECT customer_id, cluster_id FROM customer_scores WHERE cluster_run_id = $1 ORDER BY 1`, [runId])).rows;
    const first = await runModelJob(t, 'clusters', { kMin: 3, kMax: 3, features: ['frequency', 'monetary'], restarts: 2 });
    const firstLabels = await labels(first.id);
    t.clock.advance(60_000);
    const second = await runModelJob(t, 'clusters', { kMin: 3, kMax: 3, features: ['frequency', 'monetary'], restarts: 2 });
    expect(first.summary).toMatchObject({ k: 3, features: ['frequency', 'monetary'] });
    expect(firstLabels).toHaveLength(72);
    expect(await labels(second.id)).toEqual(firstLabels);
    expect(second.summary).toMatchObject({ sizes: (first.summary as { sizes: number[] }).sizes });
  });

  it('refuses bad params with the field at fault', () => {
    expect(() => clustersRunner.parseParams({ features: ['frequency', 'shoe_size'] })).toThrow(expect.objectContaining({ field: 'params.features' }));
    expect(() => clustersRunner.parseParams({ kMin: 6, kMax: 4 })).toThrow(expect.objectContaining({ field: 'params.kMax' }));
  });
});
