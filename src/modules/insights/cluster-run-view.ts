import type { ClusterDescription } from '../analytics/index.js';

/**
 * The latest clustering run as the insights page shows it. The run's summary is jsonb written by the
 * clusters runner (`k`, `features`, `sizes`, `centroids`, optional `zCentroids`, `descriptions`, as the
 * CLI's `clusters` answer); it is read defensively so an older or partial summary degrades to fewer
 * details instead of an error. Pure.
 */
export interface ClusterView extends ClusterDescription {
  cluster: number;
  /** Members in the run (all customers). */
  size: number;
  /** Members within the caller's data scope. */
  customersInScope: number;
  /** Feature → centroid in the features' original units. */
  centroid: Record<string, number>;
  /** Feature → 0–1 across clusters (min–max of the scaled centroids), for a radar chart. */
  radar: Record<string, number>;
}

export interface ClusterRunView {
  runId: number;
  finishedAt: string;
  k: number;
  features: string[];
  clusters: ClusterView[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const numbers = (v: unknown): Record<string, number> => (isObject(v) ? Object.fromEntries(Object.entries(v).filter((e): e is [string, number] => Number.isFinite(e[1]))) : {});
const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** Per feature, min–max of the values across clusters to 0–1 (all equal → 0.5), 3 decimals. */
export function radarScale(centroids: readonly Record<string, number>[], features: readonly string[]): Record<string, number>[] {
  const ranges = features.map((f) => {
    const values = centroids.map((c) => c[f] ?? 0);
    return { f, min: Math.min(...values), max: Math.max(...values) };
  });
  return centroids.map((c) => Object.fromEntries(ranges.map(({ f, min, max }) => [f, max > min ? Math.round((((c[f] ?? 0) - min) / (max - min)) * 1000) / 1000 : 0.5])));
}

export function clusterRunView(run: { id: number; finishedAt: Date; summary: unknown }, inScope: ReadonlyMap<number, number>): ClusterRunView | null {
  const summary = run.summary;
  if (!isObject(summary) || !Array.isArray(summary.sizes)) return null;
  const sizes = summary.sizes.map((s) => (Number.isFinite(s) ? Number(s) : 0));
  const centroids = Array.isArray(summary.centroids) ? summary.centroids.map(numbers) : sizes.map(() => ({}));
  const scaled = Array.isArray(summary.zCentroids) ? summary.zCentroids.map(numbers) : centroids;
  const features = Array.isArray(summary.features) ? summary.features.filter((f): f is string => typeof f === 'string') : Object.keys(centroids[0] ?? {});
  const radar = radarScale(scaled, features);
  const descriptions = Array.isArray(summary.descriptions) ? summary.descriptions.filter(isObject) : [];
  const clusters = sizes.map((size, cluster) => {
    const d = descriptions.find((x) => x.cluster === cluster) ?? descriptions[cluster] ?? {};
    return {
      cluster,
      size,
      customersInScope: inScope.get(cluster) ?? 0,
      centroid: centroids[cluster] ?? {},
      radar: radar[cluster] ?? {},
      nameZh: text(d.nameZh) || `群组 ${cluster + 1}`,
      nameEn: text(d.nameEn) || `Cluster ${cluster + 1}`,
      actionZh: text(d.actionZh),
      actionEn: text(d.actionEn),
      traitsZh: text(d.traitsZh),
      traitsEn: text(d.traitsEn),
    };
  });
  return { runId: run.id, finishedAt: run.finishedAt.toISOString(), k: sizes.length, features, clusters };
}
