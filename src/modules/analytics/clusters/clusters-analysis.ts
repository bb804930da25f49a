import { type Analysis, AnalysisInputError, type AnalysisFlags, type AnalysisTable, columnListFlag, numberFlag, parseNumberCell, requireColumn, stringFlag } from '../analysis-input.js';
import { clusterAutomatically } from './automatic-k.js';
import { describeClusters, FEATURE_ROLES, type FeatureRole, guessRoles, type RoleMap } from './cluster-describer.js';
import { summariseClusters } from './cluster-summary.js';
import { scaleFeatures } from './feature-scaling.js';

/**
 * `relata analyze clusters --features a,b,c [--k N | --k-range 4-10] --seed S [--log a,b] [--id COL]`:
 * k-means on z-scored features (log1p first for the `--log` ones), k chosen by silhouette in the
 * range, each cluster described in words with a suggested action.
 */
const USAGE = [
  '--features a,b,c      numeric columns to cluster on (every cell must be a number)',
  '--k N | --k-range A-B  a fixed k, or the range to choose k from by silhouette (default 4-10)',
  '--seed S              seed of sampling and k-means++ (default 42): same seed, same clusters',
  '--log a,b             features to log1p before scaling (skewed recency, frequency, monetary)',
  '--restarts N          k-means++ restarts per k (default 10)',
  '--roles r=col,…       which column is recency, frequency, monetary, tenure, engagement, basket (default: guessed from names)',
  '--id COL              label rows with this column instead of their row number',
].join('\n');

function kRange(flags: AnalysisFlags): [number, number] {
  if (flags.k !== undefined) {
    const k = numberFlag(flags, 'k', 0, 2, 100);
    if (!Number.isInteger(k)) throw new AnalysisInputError(`--k must be a whole number, got ${k}`);
    return [k, k];
  }
  const raw = stringFlag(flags, 'k-range', '4-10');
  const match = /^(\d+)-(\d+)$/.exec(raw);
  if (match === null || Number(match[1]) < 2 || Number(match[2]) < Number(match[1])) throw new AnalysisInputError(`--k-range must look like 4-10 (2 ≤ min ≤ max), got "${raw}"`);
  return [Number(match[1]), Number(match[2])];
}

function listFlag(flags: AnalysisFlags, name: string): string[] {
  return (stringFlag(flags, name) ?? '').split(',').map((part) => part.trim()).filter((part) => part !== '');
}

function roleFlag(flags: AnalysisFlags, features: string[]): RoleMap {
  const roles = guessRoles(features);
  for (const pair of listFlag(flags, 'roles')) {
    const [role, column] = pair.split('=').map((part) => part.trim());
    if (!FEATURE_ROLES.includes(role as FeatureRole) || column === undefined || !features.includes(column)) throw new AnalysisInputError(`--roles: "${pair}" must be role=feature with a role among ${FEATURE_ROLES.join(', ')} and one of --features`);
    roles[role as FeatureRole] = column;
  }
  return roles;
}

function readColumns(table: AnalysisTable, features: string[]): Float64Array[] {
  return features.map((feature) => Float64Array.from(table.rows, (row, i) => parseNumberCell(row[feature], feature, i)));
}

export const clustersAnalysis: Analysis = {
  usage: USAGE,
  run(table, flags) {
    const features = columnListFlag(table, flags, 'features');
    const logged = listFlag(flags, 'log');
    const notFeatures = logged.filter((name) => !features.includes(name));
    if (notFeatures.length > 0) throw new AnalysisInputError(`--log: ${notFeatures.join(', ')} not among --features`);
    const id = stringFlag(flags, 'id') === undefined ? undefined : requireColumn(table, flags, 'id', 'id');
    const [kMin, kMax] = kRange(flags);
    const seed = numberFlag(flags, 'seed', 42, 0, 2 ** 32 - 1);
    const columns = readColumns(table, features);
    const scaled = scaleFeatures(columns, features, features.map((name) => logged.includes(name)));
    const result = clusterAutomatically(scaled, { kMin, kMax, seed, restarts: numberFlag(flags, 'restarts', 10, 1, 1000) });
    const summary = summariseClusters(result, features, columns);
    const descriptions = describeClusters(summary.zCentroids, roleFlag(flags, features));
    return {
      k: result.k,
      n: scaled.n,
      features,
      sizes: summary.sizes,
      centroids: summary.centroids,
      silhouette: result.silhouette,
      candidates: result.candidates.map(({ k, silhouette }) => ({ k, silhouette })),
      descriptions: descriptions.map((description, cluster) => ({ cluster, ...description })),
      labels: Array.from(summary.labels, (cluster, i) => (id === undefined ? { row: i + 1, cluster } : { id: table.rows[i]![id]!, cluster })),
    };
  },
};
