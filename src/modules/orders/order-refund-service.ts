import { appendAudit } from '../../platform/audit/index.js';
import { AppError } from '../../platform/errors/index.js';
import { publish } from '../../platform/events/index.js';
import { auditEntry, type RecordDeps, RecordService, type RequestContext } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { applyRefund, fenToString, toFen } from './order-money.js';
import { lockOrder, saveRefund } from './order-read-repository.js';

export interface RefundResult {
  customerId: number;
  id: number;
  amount: string;
  refundedAmount: string;
  status: string;
}

const REFUNDABLE = new Set(['paid', 'refunded']);

/** Partial and full refunds of paid orders: audited `order.refund`, published `order.refunded`. */
export class OrderRefundService {
  private readonly customers: RecordService;

  constructor(private readonly deps: RecordDeps) {
    this.customers = new RecordService(deps, customerObject);
  }

  async refund(ctx: RequestContext, customerId: number, orderId: number, input: { amount: string | number; reason?: string }): Promise<RefundResult> {
    this.customers.require(ctx, 'update');
    const refundFen = toFen(input.amount);
    if (refundFen === null || refundFen === 0n) throw invalidAmount('a positive amount with at most 2 decimals');
    const now = this.deps.clock.now();
    const result = await this.deps.db.tx(async (sql) => {
      if (!(await this.customers.writableIds(sql, ctx, [customerId])).has(customerId)) return null;
      const order = await lockOrder(sql, customerId, orderId);
      if (!order) throw new AppError('record.not_found');
      if (!REFUNDABLE.has(order.status)) throw invalidAmount(`a ${order.status} order cannot be refunded`);
      const outcome = applyRefund(toFen(order.amount)!, toFen(order.refunded_amount)!, refundFen);
      if (!outcome.ok) throw invalidAmount(`at most ${fenToString(toFen(order.amount)! - toFen(order.refunded_amount)!)} remains refundable`);
      const refundedAmount = fenToString(outcome.refundedFen);
      const status = outcome.fullyRefunded ? 'refunded' : order.status;
      await saveRefund(sql, customerId, orderId, refundedAmount, status, now);
      const facts = { customerId, orderId, amount: fenToString(refundFen), refundedAmount, status };
      await publish(sql, { topic: 'order.refunded', aggregateType: 'order', aggregateId: `${customerId}:${orderId}`, payload: facts }, this.deps.clock);
      await appendAudit(sql, [auditEntry(ctx, now, 'order.refund', 'order', `${customerId}:${orderId}`, { ...facts, reason: input.reason ?? null })]);
      return { customerId, id: orderId, amount: order.amount, refundedAmount, status };
    });
    if (result) return result;
    // Not writable: 404 when the caller cannot see the customer at all, else 403.
    await this.customers.get(ctx, customerId);
    throw new AppError('permission.denied');
  }
}

function invalidAmount(reason: string): AppError {
  return new AppError('field.invalid_value', { field: 'amount', params: { field: 'amount', reason } });
}
