import { AnalysisInputError } from '../analysis-input.js';

/**
 * From transactions to the per-customer summary the BG/NBD and Gamma-Gamma models take
 * (the "RFM summary" of Fader, Hardie & Lee). Pure.
 *
 * Conventions (those of the CDNOW papers and of the `lifetimes`/`BTYD` packages):
 * - purchases on the same calendar day are one transaction (their amounts are added);
 * - frequency x = number of repeat transactions (distinct purchase days − 1);
 * - recency t_x = time from the first to the last purchase; age T = time from the first purchase
 *   to the calibration end; both in the chosen time unit (a week is 7 days);
 * - monetary = mean amount of the repeat transactions (the first one is left out), 0 when x = 0;
 * - transactions after the calibration end are ignored, and so are customers whose first
 *   purchase is after it.
 *
 * Example: purchases on day 0 (10), day 0 (5), day 14 (20), day 28 (30), calibration end day 35,
 * unit week → { frequency: 2, recency: 4, T: 5, monetary: 25 }.
 */
export type ClvTimeUnit = 'week' | 'day';

export const DAYS_PER_TIME_UNIT: Record<ClvTimeUnit, number> = { week: 7, day: 1 };

export interface ClvTransaction {
  customer: string;
  /** Calendar day, as days since 1970-01-01 (fractions are floored to the day). */
  day: number;
  amount: number;
}

export interface ClvCustomerSummary {
  customer: string;
  /** x: repeat transactions in the calibration period. */
  frequency: number;
  /** t_x: first to last purchase, in time units. */
  recency: number;
  /** T: first purchase to the calibration end, in time units. */
  T: number;
  /** Mean amount per repeat transaction (0 without repeat transactions). */
  monetary: number;
}

/** Customers in order of their first appearance in `transactions`. */
export function buildClvSummaries(transactions: Iterable<ClvTransaction>, calibrationEndDay: number, unit: ClvTimeUnit): ClvCustomerSummary[] {
  const daysByCustomer = new Map<string, Map<number, number>>();
  for (const { customer, day, amount } of transactions) {
    const calendarDay = Math.floor(day);
    if (calendarDay > calibrationEndDay) continue;
    let days = daysByCustomer.get(customer);
    if (days === undefined) {
      days = new Map();
      daysByCustomer.set(customer, days);
    }
    days.set(calendarDay, (days.get(calendarDay) ?? 0) + amount);
  }
  const unitDays = DAYS_PER_TIME_UNIT[unit];
  return [...daysByCustomer].map(([customer, days]) => summarise(customer, days, calibrationEndDay, unitDays));
}

function summarise(customer: string, amountByDay: Map<number, number>, calibrationEndDay: number, unitDays: number): ClvCustomerSummary {
  const days = [...amountByDay.keys()].sort((p, q) => p - q);
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const repeatTotal = days.slice(1).reduce((sum, day) => sum + amountByDay.get(day)!, 0);
  const frequency = days.length - 1;
  return {
    customer,
    frequency,
    recency: (last - first) / unitDays,
    T: (calibrationEndDay - first) / unitDays,
    monetary: frequency === 0 ? 0 : repeatTotal / frequency,
  };
}

/** Refuses summaries no model can be fitted on, with a message saying what is missing. */
export function assertFittable(summaries: readonly ClvCustomerSummary[], minimumCustomers = 10): void {
  if (summaries.length < minimumCustomers) {
    throw new AnalysisInputError(`too little data: ${summaries.length} customers with purchases before the calibration end, at least ${minimumCustomers} are needed`, 'analysis.too_little_data');
  }
  if (!summaries.some((s) => s.frequency > 0)) {
    throw new AnalysisInputError('too little data: no customer bought more than once before the calibration end (no repeat buyers)', 'analysis.too_little_data');
  }
}
