import { type BgNbdParams, conditionalExpectedPurchases } from './bgnbd.js';
import type { ClvCustomerSummary, ClvTimeUnit } from './clv-summary.js';
import { DAYS_PER_TIME_UNIT } from './clv-summary.js';

/**
 * Discounted customer lifetime value over a horizon, the discrete approximation of the `lifetimes`
 * package:
 *
 *   CLV = Σ_{k=1..H} E[M] · (E[X(k·u) | x, t_x, T] − E[X((k−1)·u) | x, t_x, T]) / (1 + d)^k
 *
 * H = horizon in months, u = time units per month (365.25/12 days: 4.348 weeks or 30.44 days),
 * d = monthly discount rate, E[M] = the Gamma-Gamma expected average spend. Purchases expected in
 * month k are discounted as if they all happened at its end. Pure.
 */
export interface ClvValueOptions {
  horizonMonths: number;
  monthlyDiscountRate: number;
  timeUnit: ClvTimeUnit;
}

export const DEFAULT_CLV_VALUE_OPTIONS: ClvValueOptions = { horizonMonths: 12, monthlyDiscountRate: 0.01, timeUnit: 'week' };

const DAYS_PER_MONTH = 365.25 / 12;

/** Time units in `months` months (e.g. 12 months = 52.18 weeks). */
export function monthsToTimeUnits(months: number, unit: ClvTimeUnit): number {
  return (months * DAYS_PER_MONTH) / DAYS_PER_TIME_UNIT[unit];
}

export function discountedLifetimeValue(
  bgnbd: BgNbdParams,
  history: Pick<ClvCustomerSummary, 'frequency' | 'recency' | 'T'>,
  expectedAverageSpend: number,
  options: ClvValueOptions = DEFAULT_CLV_VALUE_OPTIONS,
): number {
  const unitsPerMonth = monthsToTimeUnits(1, options.timeUnit);
  let value = 0;
  let previous = 0;
  for (let month = 1; month <= options.horizonMonths; month++) {
    const cumulative = conditionalExpectedPurchases(bgnbd, month * unitsPerMonth, history);
    value += (expectedAverageSpend * (cumulative - previous)) / (1 + options.monthlyDiscountRate) ** month;
    previous = cumulative;
  }
  return value;
}
