import type { Database, Sql } from '../../../platform/db/index.js';
import { clearStaleScores, readColumnBatches, writeScoreColumns } from '../runs/runner-batches.js';

/**
 * Clustering features per purchasing customer, one statement (orders' figures semantics):
 * recency (days since the last purchase), frequency (purchases), monetary (Σ amount − refunded),
 * tenure (days since the customer was created or first bought, whichever is earlier), engagement
 * (events of every kind in the last 90 days, from customer_traits) and channel_share (share of the
 * customer's purchases made in the channel with the most purchases overall).
 */
export const CLUSTER_FEATURES = ['recency', 'frequency', 'monetary', 'tenure', 'engagement', 'channel_share'] as const;
export type ClusterFeature = (typeof CLUSTER_FEATURES)[number];

const CLUSTER_FEATURES_SQL = `
  WITH bought AS (
    SELECT customer_id, channel, ordered_at, amount - refunded_amount AS paid FROM orders
    WHERE status IN ('paid', 'refunded') AND amount > refunded_amount AND ordered_at <= $1::timestamptz
  ),
  top_channel AS (SELECT channel FROM bought GROUP BY channel ORDER BY count(*) DESC, channel LIMIT 1),
  purchases AS (
    SELECT customer_id, count(*)::float8 AS frequency, sum(paid)::float8 AS monetary, max(ordered_at) AS last_at, min(ordered_at) AS first_at,
           (count(*) FILTER (WHERE channel = (SELECT channel FROM top_channel)))::float8 / count(*) AS channel_share
    FROM bought GROUP BY customer_id
  )
  SELECT p.customer_id, extract(epoch FROM $1::timestamptz - p.last_at)::float8 / 86400 AS recency, p.frequency, p.monetary,
         extract(epoch FROM $1::timestamptz - least(p.first_at, coalesce(c.created_at, p.first_at)))::float8 / 86400 AS tenure,
         coalesce((SELECT sum((v ->> '90d')::float8) FROM jsonb_each(t.event_counts) e (k, v)), 0) AS engagement,
         p.channel_share, (SELECT channel FROM top_channel) AS top_channel
  FROM purchases p
  LEFT JOIN customers c ON c.id = p.customer_id
  LEFT JOIN customer_traits t ON t.customer_id = p.customer_id
  ORDER BY p.customer_id`;

export interface ClusterInputs {
  customerIds: number[];
  /** One column per requested feature, in the requested order. */
  columns: Float64Array[];
  topChannel: string | null;
}

export async function readClusterFeatures(db: Database, asOf: Date, features: readonly ClusterFeature[]): Promise<ClusterInputs> {
  const ids: number[] = [];
  const values: number[][] = features.map(() => []);
  let topChannel: string | null = null;
  await readColumnBatches(db, CLUSTER_FEATURES_SQL, [asOf], (c) => {
    for (const id of c.customer_id as number[]) ids.push(id);
    features.forEach((feature, j) => {
      // A future-dated order would give a negative recency: counted as 0 days.
      for (const v of c[feature] as number[]) values[j]!.push(Math.max(0, v));
    });
    topChannel = (c.top_channel![0] as string | undefined) ?? topChannel;
  });
  return { customerIds: ids, columns: values.map((v) => Float64Array.from(v)), topChannel };
}

export async function storeClusterLabels(sql: Sql, customerIds: readonly number[], labels: Int32Array, runId: number | null, computedAt: Date): Promise<{ stored: number; cleared: number }> {
  await writeScoreColumns(
    sql,
    'cluster',
    customerIds,
    [
      { name: 'cluster_id', type: 'smallint', values: Array.from(labels) },
      { name: 'cluster_run_id', type: 'bigint', values: customerIds.map(() => runId) },
    ],
    computedAt,
  );
  const cleared = await clearStaleScores(sql, 'cluster', ['cluster_id', 'cluster_run_id'], computedAt);
  return { stored: customerIds.length, cleared };
}
