import type { Sql } from '../../platform/db/index.js';

export interface OrderFiguresRow {
  customerId: number;
  total: number;
  orderCount: number;
  paidTotal: string;
  averageOrderValue: string;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
}

/**
 * Figures of many customers in one statement (the SQL twin of `computeFigures`): purchases are paid
 * or refunded orders with money left after refunds; paidTotal = Σ (amount − refunded_amount) over paid
 * and refunded orders; averageOrderValue = paidTotal / purchases, rounded half up to the fen.
 * `total` counts every order (any status), for paging. Every requested customer gets a row.
 */
export async function orderFigures(sql: Sql, customerIds: readonly number[]): Promise<Map<number, OrderFiguresRow>> {
  const result = await sql.query<{ customer_id: number; total: number; order_count: number; paid_total: string; average: string; first_at: Date | null; last_at: Date | null }>(
    `SELECT c.customer_id, count(o.id)::int AS total, count(*) FILTER (WHERE o.purchase)::int AS order_count,
            COALESCE(sum(o.net) FILTER (WHERE o.revenue), 0)::numeric(16, 2)::text AS paid_total,
            COALESCE(round(sum(o.net) FILTER (WHERE o.revenue) / NULLIF(count(*) FILTER (WHERE o.purchase), 0), 2), 0)::numeric(16, 2)::text AS average,
            min(o.ordered_at) FILTER (WHERE o.purchase) AS first_at, max(o.ordered_at) FILTER (WHERE o.purchase) AS last_at
     FROM (SELECT DISTINCT unnest($1::bigint[]) AS customer_id) c
     LEFT JOIN LATERAL (
       SELECT id, ordered_at, amount - refunded_amount AS net, status IN ('paid', 'refunded') AS revenue,
              status IN ('paid', 'refunded') AND amount > refunded_amount AS purchase
       FROM orders WHERE customer_id = c.customer_id
     ) o ON true
     GROUP BY c.customer_id`,
    [customerIds],
  );
  return new Map(
    result.rows.map((r) => [
      r.customer_id,
      { customerId: r.customer_id, total: r.total, orderCount: r.order_count, paidTotal: r.paid_total, averageOrderValue: r.average, firstOrderAt: r.first_at, lastOrderAt: r.last_at },
    ]),
  );
}

export interface OrderRow {
  customer_id: number;
  id: number;
  order_no: string;
  external_id: string | null;
  source: string | null;
  channel: string;
  store: string | null;
  status: string;
  currency: string;
  amount: string;
  refunded_amount: string;
  ordered_at: Date;
  paid_at: Date | null;
  refunded_at: Date | null;
  lines: { lineNo: number; sku: string; productName: string; category: string | null; quantity: string; unitPrice: string; amount: string }[];
}

/** One page of a customer's orders, newest first, each with its lines (one statement). */
export async function customerOrders(sql: Sql, customerId: number, limit: number, offset: number): Promise<OrderRow[]> {
  const result = await sql.query<OrderRow>(
    `SELECT o.customer_id, o.id, o.order_no, o.external_id, o.source, o.channel, o.store, o.status, o.currency,
            o.amount::text AS amount, o.refunded_amount::text AS refunded_amount, o.ordered_at, o.paid_at, o.refunded_at,
            COALESCE((SELECT json_agg(json_build_object('lineNo', l.line_no, 'sku', l.sku, 'productName', l.product_name, 'category', l.category,
                                                        'quantity', l.quantity::text, 'unitPrice', l.unit_price::text, 'amount', l.amount::text) ORDER BY l.line_no)
                      FROM order_lines l WHERE l.customer_id = o.customer_id AND l.order_id = o.id), '[]') AS lines
     FROM orders o WHERE o.customer_id = $1 ORDER BY o.ordered_at DESC, o.id DESC LIMIT $2 OFFSET $3`,
    [customerId, limit, offset],
  );
  return result.rows;
}

/** The order, locked for a refund; undefined when the customer has no such order. */
export async function lockOrder(sql: Sql, customerId: number, orderId: number) {
  const result = await sql.query<{ amount: string; refunded_amount: string; status: string }>(
    'SELECT amount::text, refunded_amount::text, status FROM orders WHERE customer_id = $1 AND id = $2 FOR UPDATE',
    [customerId, orderId],
  );
  return result.rows[0];
}

export async function saveRefund(sql: Sql, customerId: number, orderId: number, refundedAmount: string, status: string, now: Date): Promise<void> {
  await sql.query('UPDATE orders SET refunded_amount = $3, status = $4, refunded_at = $5, updated_at = $5 WHERE customer_id = $1 AND id = $2', [
    customerId,
    orderId,
    refundedAmount,
    status,
    now,
  ]);
}
