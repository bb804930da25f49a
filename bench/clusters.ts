/**
 * `npx tsx bench/clusters.ts [--rows 1000000] [--seed 42] [--k-range 4-10] [--restarts 10]`
 * Clustering at scale: synthetic customers with 6 features (recency, frequency, monetary — skewed,
 * log1p-scaled —, tenure, engagement, online share of orders) drawn from 7 segments, then the same
 * path as `relata analyze clusters`: scaling, automatic k by silhouette in the range (restarts on a
 * 20,000-point sample, silhouette on 5,000), Lloyd refinement on all rows, summary and descriptions.
 * Target: 1M rows × 6 features, k in 4–10, under 60 s. Writes the `clusters` section of
 * docs/benchmarks.md. No database.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from '../src/cli/arguments.js';
import { clusterAutomatically, describeClusters, guessRoles, normalDraw, scaleFeatures, seededRandom, summariseClusters } from '../src/modules/analytics/index.js';
import { writeSections } from './report.js';

const REPORT = path.resolve('docs/benchmarks.md');
const FEATURES = ['recency_days', 'frequency', 'monetary', 'tenure_days', 'engagement', 'online_share'];
const LOGGED = [true, true, true, false, false, false];
// Per segment: median recency, frequency, monetary (log-normal), tenure, engagement, online share (normal).
const SEGMENTS = [
  [20, 12, 3000, 900, 60, 0.8],
  [300, 8, 2500, 1200, 10, 0.4],
  [15, 25, 800, 700, 80, 0.9],
  [10, 1, 150, 20, 30, 0.6],
  [400, 1, 80, 500, 2, 0.2],
  [90, 3, 1500, 600, 20, 0.3],
  [60, 4, 300, 400, 50, 0.7],
];

function options() {
  const { flags } = parseArgs(['bench', ...process.argv.slice(2)]);
  const value = (name: string, fallback: string) => (typeof flags[name] === 'string' ? (flags[name] as string) : fallback);
  const [kMin, kMax] = value('k-range', '4-10').split('-').map(Number);
  return { rows: Number(value('rows', '1000000')), seed: Number(value('seed', '42')), kMin: kMin!, kMax: kMax!, restarts: Number(value('restarts', '10')) };
}

function syntheticCustomers(rows: number, seed: number): Float64Array[] {
  const random = seededRandom(seed);
  const columns = FEATURES.map(() => new Float64Array(rows));
  for (let i = 0; i < rows; i++) {
    const segment = SEGMENTS[Math.floor(random() * SEGMENTS.length)]!;
    for (let j = 0; j < 3; j++) columns[j]![i] = Math.max(0, Math.round(segment[j]! * Math.exp(0.35 * normalDraw(random))));
    columns[3]![i] = Math.max(0, segment[3]! + 0.2 * segment[3]! * normalDraw(random));
    columns[4]![i] = Math.max(0, segment[4]! + 0.25 * segment[4]! * normalDraw(random));
    columns[5]![i] = Math.min(1, Math.max(0, segment[5]! + 0.08 * normalDraw(random)));
  }
  return columns;
}

function timed<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, (performance.now() - start) / 1000];
}

const o = options();
const load = os.loadavg().map((x) => x.toFixed(1)).join(' / ');
const [columns, generateSeconds] = timed(() => syntheticCustomers(o.rows, o.seed));
const [scaled, scaleSeconds] = timed(() => scaleFeatures(columns, FEATURES, LOGGED));
const [result, clusterSeconds] = timed(() => clusterAutomatically(scaled, { kMin: o.kMin, kMax: o.kMax, seed: o.seed, restarts: o.restarts }));
const [summary, summarySeconds] = timed(() => summariseClusters(result, FEATURES, columns));
const descriptions = describeClusters(summary.zCentroids, guessRoles(FEATURES));
const total = scaleSeconds + clusterSeconds + summarySeconds;
const lines = [
  '## Clustering (analytics/clusters)',
  '',
  `Command: \`npx tsx bench/clusters.ts --rows ${o.rows} --seed ${o.seed} --k-range ${o.kMin}-${o.kMax} --restarts ${o.restarts}\` (pure code, no database).`,
  '',
  `- Date: ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC; ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? 'unknown'}); Node ${process.version}; load average at start ${load}`,
  `- Data: ${o.rows.toLocaleString('en')} synthetic customers × ${FEATURES.length} features (${FEATURES.join(', ')}; log1p on the first three), ${SEGMENTS.length} generating segments; generated in ${generateSeconds.toFixed(1)} s (not counted)`,
  '',
  '| step | seconds |',
  '|---|---|',
  `| scaling (log1p + z-scores) | ${scaleSeconds.toFixed(1)} |`,
  `| k search ${o.kMin}–${o.kMax} (${o.restarts} k-means++ restarts each on a 20,000 sample, silhouette on 5,000) + Lloyd on all rows | ${clusterSeconds.toFixed(1)} |`,
  `| summary (sizes, centroids in original units) | ${summarySeconds.toFixed(1)} |`,
  `| **total** | **${total.toFixed(1)}** — target < 60 s: ${total < 60 ? '**met**' : '**missed**'} |`,
  '',
  `Chosen k = ${result.k} (silhouette ${result.silhouette.toFixed(3)}; by k: ${result.candidates.map((c) => `${c.k}: ${c.silhouette.toFixed(3)}`).join(', ')}); Lloyd on all rows: ${result.iterations} iterations.`,
  '',
  '| cluster | size | name | action |',
  '|---|---|---|---|',
  ...descriptions.map((d, c) => `| ${c} | ${summary.sizes[c]!.toLocaleString('en')} | ${d.nameZh} / ${d.nameEn} | ${d.actionZh} / ${d.actionEn} |`),
];
console.log(lines.join('\n'));
if (o.rows >= 1_000_000) writeSections(REPORT, [{ id: 'clusters', lines }]);
