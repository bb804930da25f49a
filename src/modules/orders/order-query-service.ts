import { type RecordDeps, RecordService, type RequestContext } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { customerOrders, type OrderRow, orderFigures } from './order-read-repository.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function orderDto(row: OrderRow) {
  return {
    customerId: row.customer_id,
    id: row.id,
    orderNo: row.order_no,
    externalId: row.external_id,
    source: row.source,
    channel: row.channel,
    store: row.store,
    status: row.status,
    currency: row.currency,
    amount: row.amount,
    refundedAmount: row.refunded_amount,
    orderedAt: row.ordered_at.toISOString(),
    paidAt: iso(row.paid_at),
    refundedAt: iso(row.refunded_at),
    lines: row.lines,
  };
}

/** A customer's orders (newest first, with lines) and figures, for callers who may read the customer. */
export class OrderQueryService {
  private readonly customers: RecordService;

  constructor(private readonly deps: RecordDeps) {
    this.customers = new RecordService(deps, customerObject);
  }

  async customerOrders(ctx: RequestContext, customerId: number, page: number, pageSize: number) {
    await this.customers.get(ctx, customerId);
    const [figures, rows] = await Promise.all([orderFigures(this.deps.db, [customerId]), customerOrders(this.deps.db, customerId, pageSize, (page - 1) * pageSize)]);
    const f = figures.get(customerId)!;
    return {
      total: f.total,
      page,
      pageSize,
      figures: { orderCount: f.orderCount, paidTotal: f.paidTotal, averageOrderValue: f.averageOrderValue, firstOrderAt: iso(f.firstOrderAt), lastOrderAt: iso(f.lastOrderAt) },
      orders: rows.map(orderDto),
    };
  }
}
