/**
 * Churn risk (DOMAIN.md §3): BG/NBD P(alive) combined with behaviour signals into a probability
 * 0–1, a level and the reasons. Pure.
 *
 * The combination is a "noisy OR": each cause on its own would make the customer leave with some
 * probability, and the customer stays only if no cause strikes:
 *
 *   risk = 1 − P(alive) · Π_{signals that fired} (1 − weight_signal)
 *
 * so risk is 1 − P(alive) without signals, every fired signal raises it, and it stays in [0, 1].
 * Without a model score (no purchases yet) P(alive) counts as 1 and only the signals speak.
 *
 * Example: P(alive) 0.8, interactions 4 this month vs 10 the month before (−60 %) →
 *   risk = 1 − 0.8 · (1 − 0.25) = 0.4, level medium, reasons ['frequency_drop'].
 */
export type ChurnLevel = 'low' | 'medium' | 'high';
export type ChurnSignal = 'frequency_drop' | 'interval_stretch' | 'inactive_after_purchase';
export type ChurnReason = 'p_alive_low' | ChurnSignal;

export interface ChurnSignals {
  /** BG/NBD P(alive | x, t_x, T); null when the customer has no model score. */
  pAlive: number | null;
  /** Interactions (visits, logins, messages …) in the current window and in the window of the same length before it. */
  interactionsCurrent: number;
  interactionsPrevious: number;
  /** Days from the last purchase to now; null without purchases. */
  daysSinceLastPurchase: number | null;
  /** The customer's own usual gap between purchases, in days (see `usualPurchaseInterval`); null with fewer than 2 purchases. */
  usualPurchaseIntervalDays: number | null;
  /** Days since the last interaction of any kind; null when there was none. */
  daysSinceLastActivity: number | null;
}

export interface ChurnRiskRules {
  /** P(alive) below this adds the reason `p_alive_low`. */
  pAliveLow: number;
  /** `frequency_drop` when current ≤ (1 − this) · previous … */
  frequencyDrop: number;
  /** … and the previous window had at least this many interactions (a baseline worth comparing to). */
  minimumPreviousInteractions: number;
  /** `interval_stretch` when the days since the last purchase ≥ (1 + this) · the usual interval. */
  intervalStretch: number;
  /** `inactive_after_purchase` when no interaction for this many days since the last purchase. */
  inactiveDaysAfterPurchase: number;
  /** Probability each signal alone would make the customer leave. */
  weights: Record<ChurnSignal, number>;
  /** Risk at or above which the level is medium / high. */
  levels: { medium: number; high: number };
}

export const DEFAULT_CHURN_RULES: ChurnRiskRules = {
  pAliveLow: 0.5,
  frequencyDrop: 0.3,
  minimumPreviousInteractions: 3,
  intervalStretch: 0.5,
  inactiveDaysAfterPurchase: 14,
  weights: { frequency_drop: 0.25, interval_stretch: 0.3, inactive_after_purchase: 0.15 },
  levels: { medium: 0.3, high: 0.6 },
};

export interface ChurnRisk {
  /** Probability 0–1. */
  risk: number;
  level: ChurnLevel;
  /** `p_alive_low` first, then the signals that fired, in the order of `ChurnSignal`. */
  reasons: ChurnReason[];
}

export function churnRisk(signals: ChurnSignals, rules: ChurnRiskRules = DEFAULT_CHURN_RULES): ChurnRisk {
  assertValid(signals);
  const fired = firedSignals(signals, rules);
  const stays = fired.reduce((product, signal) => product * (1 - rules.weights[signal]), signals.pAlive ?? 1);
  const risk = Math.min(1, Math.max(0, 1 - stays));
  const lowAlive = signals.pAlive !== null && signals.pAlive < rules.pAliveLow;
  return { risk, level: levelOf(risk, rules), reasons: lowAlive ? ['p_alive_low', ...fired] : fired };
}

/** The behaviour signals that fired, in a fixed order. */
export function firedSignals(s: ChurnSignals, rules: ChurnRiskRules = DEFAULT_CHURN_RULES): ChurnSignal[] {
  const fired: ChurnSignal[] = [];
  if (s.interactionsPrevious >= rules.minimumPreviousInteractions && s.interactionsCurrent <= (1 - rules.frequencyDrop) * s.interactionsPrevious) fired.push('frequency_drop');
  if (s.daysSinceLastPurchase !== null && s.usualPurchaseIntervalDays !== null && s.usualPurchaseIntervalDays > 0 && s.daysSinceLastPurchase >= (1 + rules.intervalStretch) * s.usualPurchaseIntervalDays) {
    fired.push('interval_stretch');
  }
  if (s.daysSinceLastPurchase !== null && Math.min(s.daysSinceLastActivity ?? Number.POSITIVE_INFINITY, s.daysSinceLastPurchase) >= rules.inactiveDaysAfterPurchase) {
    fired.push('inactive_after_purchase');
  }
  return fired;
}

export function levelOf(risk: number, rules: ChurnRiskRules = DEFAULT_CHURN_RULES): ChurnLevel {
  if (risk >= rules.levels.high) return 'high';
  return risk >= rules.levels.medium ? 'medium' : 'low';
}

/** Bad inputs are programming errors upstream: refuse them rather than store NaN. */
function assertValid(s: ChurnSignals): void {
  if (s.pAlive !== null && !(s.pAlive >= 0 && s.pAlive <= 1)) throw new RangeError(`pAlive must be in [0, 1], got ${s.pAlive}`);
  const counts = { interactionsCurrent: s.interactionsCurrent, interactionsPrevious: s.interactionsPrevious };
  const days = { daysSinceLastPurchase: s.daysSinceLastPurchase, usualPurchaseIntervalDays: s.usualPurchaseIntervalDays, daysSinceLastActivity: s.daysSinceLastActivity };
  for (const [name, value] of Object.entries({ ...counts, ...days })) {
    if (value !== null && !(Number.isFinite(value) && value >= 0)) throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
  }
}
