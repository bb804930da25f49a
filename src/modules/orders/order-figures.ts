import { divideRounded } from './order-money.js';

/** Statuses whose money counts: a refunded order keeps what was not refunded. */
export const REVENUE_STATUSES = ['paid', 'refunded'] as const;

export interface FigureInput {
  status: string;
  amountFen: bigint;
  refundedFen: bigint;
  orderedAt: Date;
}

export interface OrderFigures {
  /** Purchases: paid or refunded orders with money left after refunds. */
  orderCount: number;
  /** Σ (amount − refunded) over paid and refunded orders, in fen. */
  paidTotalFen: bigint;
  /** paidTotal / orderCount rounded half up to the fen; 0 without purchases. */
  averageOrderValueFen: bigint;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
}

/**
 * The customer figures from their orders — the reference the one-statement SQL in
 * `order-figures-repository.ts` must agree with (see the property test). Pure.
 */
export function computeFigures(orders: readonly FigureInput[]): OrderFigures {
  let orderCount = 0;
  let paidTotalFen = 0n;
  let first: Date | null = null;
  let last: Date | null = null;
  for (const order of orders) {
    if (!(REVENUE_STATUSES as readonly string[]).includes(order.status)) continue;
    const net = order.amountFen - order.refundedFen;
    paidTotalFen += net;
    if (net <= 0n) continue;
    orderCount += 1;
    if (first === null || order.orderedAt < first) first = order.orderedAt;
    if (last === null || order.orderedAt > last) last = order.orderedAt;
  }
  const averageOrderValueFen = orderCount === 0 ? 0n : divideRounded(paidTotalFen, BigInt(orderCount));
  return { orderCount, paidTotalFen, averageOrderValueFen, firstOrderAt: first, lastOrderAt: last };
}
