import { nextIdSql, type Sql } from '../../platform/db/index.js';
import { fenToString } from './order-money.js';
import type { NormalizedOrder } from './order-validation.js';

/** An order about to be written: its normalized content and where it lives. */
export interface OrderWrite {
  customerId: number;
  orderId: number;
  order: NormalizedOrder;
}

export interface StoredOrder {
  customerId: number;
  id: number;
  inserted: boolean;
  amount: string;
  refundedAmount: string;
  status: string;
}

/**
 * Claims (source, externalId) keys for new orders in three set-based statements: order ids are drawn
 * from the orders sequence, inserted ON CONFLICT DO NOTHING in key order (a concurrent claimant of
 * the same key waits for the first to commit, so overlapping batches cannot deadlock), then the
 * owner of every key is read back. Returns `source\u0000externalId` → {customerId, orderId, claimed}.
 */
export async function claimKeys(sql: Sql, keys: readonly { source: string; externalId: string; customerId: number }[], now: Date) {
  const sorted = [...keys].sort((a, b) => (a.source === b.source ? cmp(a.externalId, b.externalId) : cmp(a.source, b.source)));
  const ids = await sql.query<{ id: number }>(`SELECT ${nextIdSql('orders')} AS id FROM generate_series(1, $1::int)`, [sorted.length]);
  const claimed = await sql.query<{ source: string; external_id: string }>(
    `INSERT INTO order_keys (source, external_id, customer_id, order_id, created_at)
     SELECT source, external_id, customer_id, order_id, $5 FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[])
       AS k(source, external_id, customer_id, order_id)
     ON CONFLICT (source, external_id) DO NOTHING RETURNING source, external_id`,
    [sorted.map((k) => k.source), sorted.map((k) => k.externalId), sorted.map((k) => k.customerId), ids.rows.map((r) => r.id), now],
  );
  const fresh = new Set(claimed.rows.map((r) => `${r.source}\u0000${r.external_id}`));
  const owners = await sql.query<{ source: string; external_id: string; customer_id: number; order_id: number }>(
    `SELECT k.source, k.external_id, k.customer_id, k.order_id FROM order_keys k
     JOIN unnest($1::text[], $2::text[]) AS w(source, external_id) ON k.source = w.source AND k.external_id = w.external_id`,
    [sorted.map((k) => k.source), sorted.map((k) => k.externalId)],
  );
  return new Map(owners.rows.map((r) => {
    const key = `${r.source}\u0000${r.external_id}`;
    return [key, { customerId: r.customer_id, orderId: r.order_id, claimed: fresh.has(key) }] as const;
  }));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Existing orders, locked FOR UPDATE in key order: what a resend must respect (refunds so far). */
export async function lockOrders(sql: Sql, refs: readonly { customerId: number; orderId: number }[]) {
  if (refs.length === 0) return new Map<string, { refundedAmount: string; amount: string; status: string; contentHash: string | null }>();
  const result = await sql.query<{ customer_id: number; id: number; refunded_amount: string; amount: string; status: string; content_hash: string | null }>(
    `SELECT o.customer_id, o.id, o.refunded_amount::text, o.amount::text, o.status, o.content_hash FROM orders o
     JOIN unnest($1::bigint[], $2::bigint[]) AS r(customer_id, id) ON o.customer_id = r.customer_id AND o.id = r.id
     ORDER BY o.customer_id, o.id FOR UPDATE OF o`,
    [refs.map((r) => r.customerId), refs.map((r) => r.orderId)],
  );
  return new Map(result.rows.map((r) => [`${r.customer_id}:${r.id}`, { refundedAmount: r.refunded_amount, amount: r.amount, status: r.status, contentHash: r.content_hash }]));
}

/**
 * Inserts new orders and updates resent ones in one statement; a resend whose content hash did not
 * change is skipped (not returned). A source saying 'refunded' means fully refunded there; a
 * resend keeps 'refunded' when refunds made here already cover the amount.
 */
export async function upsertOrders(sql: Sql, writes: readonly OrderWrite[], now: Date): Promise<StoredOrder[]> {
  if (writes.length === 0) return [];
  const col = <T>(pick: (w: OrderWrite) => T) => writes.map(pick);
  const result = await sql.query<{ customer_id: number; id: number; inserted: boolean; amount: string; refunded_amount: string; status: string }>(
    `INSERT INTO orders AS o (customer_id, id, order_no, amount, channel, store, status, ordered_at, created_at, updated_at,
                              external_id, source, currency, paid_at, content_hash, refunded_amount, refunded_at)
     SELECT t.customer_id, t.id, t.order_no, t.amount, t.channel, t.store, t.status, t.ordered_at, $14, $14,
            t.external_id, t.source, t.currency, COALESCE(t.paid_at, CASE WHEN t.status IN ('paid', 'refunded') THEN t.ordered_at END),
            t.content_hash, CASE WHEN t.status = 'refunded' THEN t.amount ELSE 0 END, CASE WHEN t.status = 'refunded' THEN $14::timestamptz END
     FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::numeric[], $5::text[], $6::text[], $7::text[], $8::timestamptz[],
                 $9::text[], $10::text[], $11::text[], $12::timestamptz[], $13::text[])
       AS t(customer_id, id, order_no, amount, channel, store, status, ordered_at, external_id, source, currency, paid_at, content_hash)
     ORDER BY t.customer_id, t.id
     ON CONFLICT (customer_id, id) DO UPDATE SET
       order_no = EXCLUDED.order_no, amount = EXCLUDED.amount, channel = EXCLUDED.channel, store = EXCLUDED.store,
       ordered_at = EXCLUDED.ordered_at, currency = EXCLUDED.currency, content_hash = EXCLUDED.content_hash, updated_at = $14,
       external_id = EXCLUDED.external_id, source = EXCLUDED.source,
       paid_at = COALESCE(o.paid_at, EXCLUDED.paid_at),
       refunded_amount = CASE WHEN EXCLUDED.status = 'refunded' THEN EXCLUDED.amount ELSE o.refunded_amount END,
       refunded_at = CASE WHEN EXCLUDED.status = 'refunded' THEN COALESCE(o.refunded_at, $14) ELSE o.refunded_at END,
       status = CASE WHEN o.refunded_amount > 0 AND o.refunded_amount >= EXCLUDED.amount THEN 'refunded' ELSE EXCLUDED.status END
     WHERE o.content_hash IS DISTINCT FROM EXCLUDED.content_hash
     RETURNING o.customer_id, o.id, (xmax = 0) AS inserted, o.amount::text, o.refunded_amount::text, o.status`,
    [
      col((w) => w.customerId), col((w) => w.orderId), col((w) => w.order.orderNo), col((w) => fenToString(w.order.amountFen)),
      col((w) => w.order.channel), col((w) => w.order.store), col((w) => w.order.status), col((w) => w.order.orderedAt),
      col((w) => w.order.externalId), col((w) => w.order.source), col((w) => w.order.currency), col((w) => w.order.paidAt),
      col((w) => w.order.contentHash), now,
    ],
  );
  return result.rows.map((r) => ({ customerId: r.customer_id, id: r.id, inserted: r.inserted, amount: r.amount, refundedAmount: r.refunded_amount, status: r.status }));
}
