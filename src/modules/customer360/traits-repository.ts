import { isoText, type JsonRead, readJson, type Sql } from '../../platform/db/index.js';

/** Computed traits of one customer, as the 360 view shows them. */
export interface CustomerTraits {
  customerId: number;
  eventCounts: Record<string, { '7d': number; '30d': number; '90d': number }>;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  lastOrderAt: string | null;
  orderCount: number;
  orderTotal: string;
  averageOrderValue: string | null;
  averagePurchaseIntervalDays: string | null;
  computedAt: string;
}

/**
 * Recomputes the traits of the given customers in ONE set-based statement and upserts them:
 * - event counts per `type:name` over the 7/30/90 days ending at `now` (events after `now` ignored);
 * - first/last seen from events; order count, total, last order, average order value and average
 *   purchase interval ((last − first order) / (count − 1), in days) from `paid` orders up to `now`
 *   (refunded/cancelled/pending orders do not count);
 * - ids without a customer row (deleted, merged away) lose their traits row.
 * `now` is a parameter (the injected clock), so results are reproducible. Every read is also bounded
 * by the ids' range (`BETWEEN lo AND hi`, implied by the ids): without it a chunk of 50,000 customers
 * hashed its ids and scanned all orders and customers — 20 scans of 10M orders after a 10M-order
 * import (5.7 s a chunk); with it, index range scans of the chunk's part (1.7 s). Sparse ids (a
 * batch of events' customers) span most of the range, and are planned as before.
 */
export async function computeTraits(sql: Sql, customerIds: readonly number[], now: Date): Promise<number> {
  if (customerIds.length === 0) return 0;
  let lo = customerIds[0]!;
  let hi = lo;
  for (const id of customerIds) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  const result = await sql.query(
    `WITH ids AS (SELECT DISTINCT unnest($1::bigint[]) AS customer_id),
     live AS (SELECT i.customer_id FROM ids i WHERE EXISTS (SELECT 1 FROM customers c WHERE c.id = i.customer_id AND c.id BETWEEN $3 AND $4)),
     gone AS (
       DELETE FROM customer_traits t USING ids i
       WHERE t.customer_id = i.customer_id AND t.customer_id BETWEEN $3 AND $4 AND NOT EXISTS (SELECT 1 FROM live l WHERE l.customer_id = i.customer_id)
     ),
     per_name AS (
       SELECT e.customer_id, e.type || ':' || e.name AS key,
              count(*) FILTER (WHERE e.occurred_at > $2::timestamptz - interval '7 days') AS d7,
              count(*) FILTER (WHERE e.occurred_at > $2::timestamptz - interval '30 days') AS d30,
              count(*) AS d90
       FROM events e JOIN live l ON l.customer_id = e.customer_id
       WHERE e.occurred_at > $2::timestamptz - interval '90 days' AND e.occurred_at <= $2::timestamptz AND e.customer_id BETWEEN $3 AND $4
       GROUP BY e.customer_id, e.type, e.name
     ),
     counts AS (
       SELECT customer_id, jsonb_object_agg(key, jsonb_build_object('7d', d7, '30d', d30, '90d', d90)) AS event_counts
       FROM per_name GROUP BY customer_id
     ),
     seen AS (
       SELECT e.customer_id, min(e.occurred_at) AS first_seen_at, max(e.occurred_at) AS last_seen_at
       FROM events e JOIN live l ON l.customer_id = e.customer_id
       WHERE e.occurred_at <= $2::timestamptz AND e.customer_id BETWEEN $3 AND $4
       GROUP BY e.customer_id
     ),
     bought AS (
       -- Money kept: paid orders net of partial refunds ('refunded' status means fully refunded).
       SELECT o.customer_id, count(*)::int AS n, sum(o.amount - o.refunded_amount) AS total, min(o.ordered_at) AS first_at, max(o.ordered_at) AS last_at
       FROM orders o JOIN live l ON l.customer_id = o.customer_id
       WHERE o.status = 'paid' AND o.amount > o.refunded_amount AND o.ordered_at <= $2::timestamptz AND o.customer_id BETWEEN $3 AND $4
       GROUP BY o.customer_id
     )
     INSERT INTO customer_traits (customer_id, event_counts, first_seen_at, last_seen_at, last_order_at, order_count, order_total,
                                  average_order_value, average_purchase_interval_days, computed_at)
     SELECT l.customer_id, coalesce(c.event_counts, '{}'::jsonb), s.first_seen_at, s.last_seen_at, b.last_at,
            coalesce(b.n, 0), coalesce(b.total, 0),
            CASE WHEN b.n > 0 THEN round(b.total / b.n, 2) END,
            CASE WHEN b.n > 1 THEN round((extract(epoch FROM b.last_at - b.first_at) / 86400 / (b.n - 1))::numeric, 2) END,
            $2::timestamptz
     FROM live l
     LEFT JOIN counts c ON c.customer_id = l.customer_id
     LEFT JOIN seen s ON s.customer_id = l.customer_id
     LEFT JOIN bought b ON b.customer_id = l.customer_id
     ON CONFLICT (customer_id) DO UPDATE SET
       event_counts = EXCLUDED.event_counts, first_seen_at = EXCLUDED.first_seen_at, last_seen_at = EXCLUDED.last_seen_at,
       last_order_at = EXCLUDED.last_order_at, order_count = EXCLUDED.order_count, order_total = EXCLUDED.order_total,
       average_order_value = EXCLUDED.average_order_value,
       average_purchase_interval_days = EXCLUDED.average_purchase_interval_days, computed_at = EXCLUDED.computed_at`,
    [customerIds, now, lo, hi],
  );
  return result.rowCount ?? 0;
}

/**
 * The stored traits of one customer, or null when never computed (a JSON read: the 360 view takes
 * it in the same statement as the customer's other reads). No permission check.
 */
export const traitsRead: JsonRead<CustomerTraits | null> = {
  sql: (key) =>
    `(SELECT json_build_object('customerId', customer_id, 'eventCounts', event_counts, 'firstSeenAt', ${isoText('first_seen_at')}, 'lastSeenAt', ${isoText('last_seen_at')},
            'lastOrderAt', ${isoText('last_order_at')}, 'orderCount', order_count, 'orderTotal', order_total::text, 'averageOrderValue', average_order_value::text,
            'averagePurchaseIntervalDays', average_purchase_interval_days::text, 'computedAt', ${isoText('computed_at')})
      FROM customer_traits WHERE customer_id = ${key})`,
  parse: (value) => value as CustomerTraits | null,
};

export function readTraits(sql: Sql, customerId: number): Promise<CustomerTraits | null> {
  return readJson(sql, traitsRead, customerId);
}
