import type { Sql } from '../../platform/db/index.js';
import { fenToString } from './order-money.js';
import type { OrderWrite } from './order-write-repository.js';

/** 1500n thousandths → '1.500'. */
function milliToString(milli: bigint): string {
  return `${milli / 1000n}.${String(milli % 1000n).padStart(3, '0')}`;
}

/** Replaces the lines of the given orders: one DELETE and one multi-row INSERT for the whole batch. */
export async function replaceLines(sql: Sql, writes: readonly OrderWrite[]): Promise<void> {
  if (writes.length === 0) return;
  await sql.query(
    `DELETE FROM order_lines l USING unnest($1::bigint[], $2::bigint[]) AS r(customer_id, order_id)
     WHERE l.customer_id = r.customer_id AND l.order_id = r.order_id`,
    [writes.map((w) => w.customerId), writes.map((w) => w.orderId)],
  );
  const lines = writes.flatMap((w) => w.order.lines.map((line) => ({ ...line, customerId: w.customerId, orderId: w.orderId })));
  await sql.query(
    `INSERT INTO order_lines (customer_id, order_id, line_no, sku, product_name, category, quantity, unit_price, amount)
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::numeric[], $9::numeric[])`,
    [
      lines.map((l) => l.customerId),
      lines.map((l) => l.orderId),
      lines.map((l) => l.lineNo),
      lines.map((l) => l.sku),
      lines.map((l) => l.productName),
      lines.map((l) => l.category),
      lines.map((l) => milliToString(l.quantityMilli)),
      lines.map((l) => fenToString(l.unitPriceFen)),
      lines.map((l) => fenToString(l.amountFen)),
    ],
  );
}
