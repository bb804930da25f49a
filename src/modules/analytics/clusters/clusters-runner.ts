import { AnalysisInputError } from '../analysis-input.js';
import type { ModelRunner } from '../runs/model-runner.js';
import { lockModel } from '../runs/runner-batches.js';
import { invalidParam, numberParam, paramsRecord } from '../runs/runner-params.js';
import { clusterAutomatically } from './automatic-k.js';
import { describeClusters, type RoleMap } from './cluster-describer.js';
import { summariseClusters } from './cluster-summary.js';
import { CLUSTER_FEATURES, type ClusterFeature, readClusterFeatures, storeClusterLabels } from './clusters-repository.js';
import { scaleFeatures } from './feature-scaling.js';

export interface ClustersRunParams {
  /** Features to cluster on (default: all of CLUSTER_FEATURES). */
  features: ClusterFeature[];
  kMin: number;
  kMax: number;
  seed: number;
  restarts: number;
}

export const CLUSTERS_DEFAULT_PARAMS: ClustersRunParams = { features: [...CLUSTER_FEATURES], kMin: 4, kMax: 10, seed: 42, restarts: 10 };
/** Skewed counts and money are clustered on log1p: a few big spenders must not make their own axis. */
const LOGGED: ReadonlySet<ClusterFeature> = new Set(['recency', 'frequency', 'monetary', 'engagement']);
const ROLES: RoleMap = { recency: 'recency', frequency: 'frequency', monetary: 'monetary', tenure: 'tenure', engagement: 'engagement' };
const CLUSTERS_LOCK_KEY = 727_372_104;

function featuresParam(value: unknown): ClusterFeature[] {
  const ok = Array.isArray(value) && value.length >= 2 && value.every((f) => (CLUSTER_FEATURES as readonly unknown[]).includes(f)) && new Set(value).size === value.length;
  if (!ok) throw invalidParam('features', `2 or more distinct of ${CLUSTER_FEATURES.join(', ')}`);
  return value as ClusterFeature[];
}

function parseParams(raw: unknown): ClustersRunParams {
  const input = paramsRecord(raw, Object.keys(CLUSTERS_DEFAULT_PARAMS));
  const kMin = numberParam(input, 'kMin', CLUSTERS_DEFAULT_PARAMS.kMin, 2, 20, true);
  const kMax = numberParam(input, 'kMax', CLUSTERS_DEFAULT_PARAMS.kMax, 2, 20, true);
  if (kMax < kMin) throw invalidParam('kMax', 'at least kMin');
  return {
    features: input.features === undefined ? CLUSTERS_DEFAULT_PARAMS.features : featuresParam(input.features),
    kMin,
    kMax,
    seed: numberParam(input, 'seed', CLUSTERS_DEFAULT_PARAMS.seed, 0, 2 ** 32 - 1, true),
    restarts: numberParam(input, 'restarts', CLUSTERS_DEFAULT_PARAMS.restarts, 1, 100, true),
  };
}

/**
 * k-means on the purchasing customers' features (log1p + z-scores), k chosen by silhouette in
 * kMin–kMax, seeded; cluster_id (0 = largest) and cluster_run_id stored; the summary is what the
 * insights radar reads (sizes, centroids in original units, zCentroids, descriptions).
 */
export const clustersRunner: ModelRunner<ClustersRunParams> = {
  model: 'clusters',
  parseParams,
  nightlyParams: () => CLUSTERS_DEFAULT_PARAMS,
  async run(deps, params, progress) {
    const now = deps.clock.now();
    const { customerIds, columns, topChannel } = await readClusterFeatures(deps.db, now, params.features);
    const minimum = Math.max(20, 3 * params.kMax);
    if (customerIds.length < minimum) throw new AnalysisInputError(`too little data: ${customerIds.length} customers with purchases, at least ${minimum} are needed for k up to ${params.kMax}`, 'analysis.too_little_data');
    await progress(0.2);
    const scaled = scaleFeatures(columns, params.features, params.features.map((f) => LOGGED.has(f)));
    const result = clusterAutomatically(scaled, { kMin: params.kMin, kMax: params.kMax, seed: params.seed, restarts: params.restarts });
    const summary = summariseClusters(result, params.features, columns);
    const descriptions = describeClusters(summary.zCentroids, ROLES);
    await progress(0.7);
    const stored = await deps.db.tx(async (sql) => {
      await lockModel(sql, CLUSTERS_LOCK_KEY);
      return storeClusterLabels(sql, customerIds, summary.labels, deps.runId ?? null, now);
    });
    return {
      k: result.k,
      n: scaled.n,
      features: params.features,
      logged: params.features.filter((f) => LOGGED.has(f)),
      topChannel,
      seed: params.seed,
      sizes: summary.sizes,
      centroids: summary.centroids,
      zCentroids: summary.zCentroids,
      silhouette: result.silhouette,
      candidates: result.candidates.map(({ k, silhouette }) => ({ k, silhouette })),
      descriptions: descriptions.map((description, cluster) => ({ cluster, ...description })),
      ...stored,
    };
  },
};
