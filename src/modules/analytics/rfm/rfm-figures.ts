import type { CustomerKey, RfmFigures } from './rfm-scoring.js';

/** One purchase: who, when (ms since epoch) and how much (currency units, at most 2 decimals). */
export interface RfmPurchase {
  customerId: CustomerKey;
  at: number;
  amount: number;
}

export const DAY_MS = 86_400_000;

/**
 * Recency (whole days from the last purchase to `asOf`, rounded down), frequency (purchases) and
 * monetary value (their sum) per customer, over the purchases in (asOf − windowDays, asOf] — all
 * history up to `asOf` without a window. Money is summed in cents so the total is the exact decimal
 * sum, as PostgreSQL's numeric gives it. Customers without a purchase in the window are absent. Pure.
 */
export function rfmFigures(purchases: readonly RfmPurchase[], asOf: number, windowDays?: number): RfmFigures[] {
  const from = windowDays === undefined ? -Infinity : asOf - windowDays * DAY_MS;
  const byCustomer = new Map<CustomerKey, { last: number; count: number; cents: number }>();
  for (const p of purchases) {
    if (p.at > asOf || p.at <= from) continue;
    const seen = byCustomer.get(p.customerId);
    const cents = Math.round(p.amount * 100);
    if (seen === undefined) byCustomer.set(p.customerId, { last: p.at, count: 1, cents });
    else {
      seen.last = Math.max(seen.last, p.at);
      seen.count += 1;
      seen.cents += cents;
    }
  }
  return [...byCustomer].map(([customerId, s]) => ({
    customerId,
    recencyDays: Math.floor((asOf - s.last) / DAY_MS),
    frequency: s.count,
    monetary: s.cents / 100,
  }));
}
