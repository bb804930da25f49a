import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tableFromRows } from '../analysis-input.js';
import { gaussianBlobs } from './blob-fixture.js';
import { clustersAnalysis } from './clusters-analysis.js';

// Four customer groups in recency (days), frequency (orders) and monetary (yuan), skewed like real ones.
const GROUPS = [
  [400, 2, 20000],
  [10, 30, 3000],
  [15, 1, 200],
  [500, 1, 100],
];
const { columns, truth } = gaussianBlobs(GROUPS.map((g) => g.map(Math.log1p)), 60, 0.15, 5);
const HEADER = ['customer_id', 'recency', 'frequency', 'monetary'];
const rows = Array.from(truth, (_, i) => [`c${i}`, ...columns.map((c) => String(Math.round(Math.expm1(c[i]!) * 100) / 100))]);
const table = tableFromRows([HEADER, ...rows]);

interface ClustersOutput {
  k: number;
  n: number;
  sizes: number[];
  centroids: Record<string, number>[];
  silhouette: number;
  candidates: { k: number; silhouette: number }[];
  descriptions: { cluster: number; nameZh: string; nameEn: string; actionZh: string }[];
  labels: { id?: string; row?: number; cluster: number }[];
}

describe('clusters analysis on a table', () => {
  const result = clustersAnalysis.run(table, { features: 'recency,frequency,monetary', log: 'recency,frequency,monetary', 'k-range': '2-6', seed: '7', id: 'customer_id' }) as ClustersOutput;
  it('finds the four groups, numbered by size, with centroids in original units', () => {
    expect(result.k).toBe(4);
    expect(result.sizes).toEqual([60, 60, 60, 60]);
    expect(result.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6]);
    const sleepingVip = result.centroids.find((c) => c.monetary! > 10000)!;
    expect(sleepingVip.recency).toBeGreaterThan(300);
    expect(sleepingVip.frequency).toBeLessThan(3);
  });
  it('describes the groups in words with an action', () => {
    const names = result.descriptions.map((d) => d.nameZh);
    expect(names).toContain('高价值沉睡客户');
    expect(names).toContain('流失低价值客户');
    const vip = result.centroids.findIndex((c) => c.monetary! > 10000);
    expect(result.descriptions[vip]).toMatchObject({ nameZh: '高价值沉睡客户', actionZh: '专属优惠券唤醒' });
  });
  it('labels every row by its id; rows of one group share a cluster', () => {
    expect(result.labels).toHaveLength(240);
    expect(result.labels[0]).toEqual({ id: 'c0', cluster: expect.any(Number) });
    const clusterOfGroup = new Map<number, number>();
    truth.forEach((group, i) => {
      const cluster = result.labels[i]!.cluster;
      expect(clusterOfGroup.get(group) ?? cluster).toBe(cluster);
      clusterOfGroup.set(group, cluster);
    });
  });
  it('a fixed --k is honoured; without --id rows are numbered', () => {
    const fixed = clustersAnalysis.run(table, { features: 'recency,monetary', k: '3', seed: '1' }) as ClustersOutput;
    expect(fixed.k).toBe(3);
    expect(fixed.labels[1]).toEqual({ row: 2, cluster: expect.any(Number) });
  });

  const refusals: { name: string; flags: Record<string, string>; rows?: string[][]; message: string }[] = [
    { name: 'fewer rows than k', flags: { features: 'recency,monetary' }, rows: rows.slice(0, 3), message: 'too little data: 3 rows for at least 4 clusters' },
    { name: 'non-numeric cell', flags: { features: 'recency,customer_id' }, message: 'row 2, column "customer_id": "c0" is not a number' },
    { name: 'bad k range', flags: { features: 'recency', 'k-range': '5-3' }, message: '--k-range must look like 4-10' },
    { name: 'k of 1', flags: { features: 'recency', k: '1' }, message: '--k must be a number between 2 and 100' },
    { name: '--log of a non-feature', flags: { features: 'recency', log: 'monetary' }, message: '--log: monetary not among --features' },
    { name: 'unknown role', flags: { features: 'recency', roles: 'loyalty=recency' }, message: '--roles: "loyalty=recency"' },
  ];
  for (const c of refusals) {
    it(`refuses: ${c.name}`, () => expect(() => clustersAnalysis.run(c.rows === undefined ? table : tableFromRows([HEADER, ...c.rows]), c.flags)).toThrow(c.message));
  }
});

describe('relata analyze clusters (CLI)', () => {
  it('prints k, sizes, centroids, silhouette, descriptions and labels; same seed, same output in another process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'relata-clusters-'));
    const file = join(dir, 'customers.csv');
    await writeFile(file, [HEADER, ...rows].map((r) => r.join(',')).join('\n'));
    const args = ['bin/relata.js', 'analyze', 'clusters', '--input', file, '--features', 'recency,frequency,monetary', '--log', 'recency,frequency,monetary', '--k-range', '2-6', '--seed', '7', '--json'];
    const { stdout } = await promisify(execFile)('node', args);
    const result = JSON.parse(stdout) as ClustersOutput;
    expect(result.k).toBe(4);
    expect(result.silhouette).toBeGreaterThan(0.5);
    // Another process, same seed: the same document as this one computes in memory.
    const inMemory = clustersAnalysis.run(tableFromRows([HEADER, ...rows]), { features: 'recency,frequency,monetary', log: 'recency,frequency,monetary', 'k-range': '2-6', seed: '7' });
    expect(result).toEqual(JSON.parse(JSON.stringify(inMemory)));
  }, 120_000);
});
