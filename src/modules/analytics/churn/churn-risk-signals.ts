import type { ChurnSignals } from './churn-risk.js';

/**
 * From a customer's dated history to the inputs of `churnRisk`. Pure; days are calendar days
 * (e.g. days since 1970-01-01), `asOfDay` is "now".
 *
 * Example: purchases on days 0, 10, 20 and 50, as of day 60 → usual interval 10 (the median gap),
 * 10 days since the last purchase.
 */
export interface ChurnHistory {
  purchaseDays: readonly number[];
  interactionDays: readonly number[];
  pAlive: number | null;
}

/** The median gap between distinct purchase days; null with fewer than two of them. */
export function usualPurchaseInterval(purchaseDays: readonly number[]): number | null {
  const days = [...new Set(purchaseDays.map(Math.floor))].sort((p, q) => p - q);
  if (days.length < 2) return null;
  const gaps = days.slice(1).map((day, i) => day - days[i]!).sort((p, q) => p - q);
  const middle = Math.floor(gaps.length / 2);
  return gaps.length % 2 === 1 ? gaps[middle]! : (gaps[middle - 1]! + gaps[middle]!) / 2;
}

/**
 * Signals as of `asOfDay` with windows of `windowDays`: the current window is (asOf − w, asOf],
 * the previous one (asOf − 2w, asOf − w]. Events after `asOfDay` are ignored.
 */
export function churnSignalsFromHistory(history: ChurnHistory, asOfDay: number, windowDays = 30): ChurnSignals {
  const purchases = history.purchaseDays.filter((d) => d <= asOfDay);
  const interactions = history.interactionDays.filter((d) => d <= asOfDay);
  const inWindow = (from: number, to: number) => interactions.filter((d) => d > from && d <= to).length;
  const lastPurchase = latest(purchases);
  const lastActivity = latest(interactions);
  return {
    pAlive: history.pAlive,
    interactionsCurrent: inWindow(asOfDay - windowDays, asOfDay),
    interactionsPrevious: inWindow(asOfDay - 2 * windowDays, asOfDay - windowDays),
    daysSinceLastPurchase: lastPurchase === null ? null : asOfDay - lastPurchase,
    // The norm comes from the closed intervals; the open one since the last purchase is what we compare.
    usualPurchaseIntervalDays: usualPurchaseInterval(purchases),
    daysSinceLastActivity: lastActivity === null ? null : asOfDay - lastActivity,
  };
}

function latest(days: readonly number[]): number | null {
  return days.length === 0 ? null : days.reduce((max, d) => (d > max ? d : max));
}
