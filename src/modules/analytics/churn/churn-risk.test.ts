import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChurnSignals, churnRisk, DEFAULT_CHURN_RULES, firedSignals } from './churn-risk.js';
import { churnSignalsFromHistory, usualPurchaseInterval } from './churn-risk-signals.js';

const quiet: ChurnSignals = { pAlive: 0.9, interactionsCurrent: 10, interactionsPrevious: 10, daysSinceLastPurchase: 5, usualPurchaseIntervalDays: 20, daysSinceLastActivity: 1 };

describe('churnRisk (table)', () => {
  const cases: { name: string; signals: Partial<ChurnSignals>; risk: number; level: string; reasons: string[] }[] = [
    { name: 'an engaged customer: 1 − P(alive)', signals: {}, risk: 0.1, level: 'low', reasons: [] },
    { name: 'interactions −30 % exactly is a drop', signals: { interactionsCurrent: 7 }, risk: 1 - 0.9 * 0.75, level: 'medium', reasons: ['frequency_drop'] },
    { name: 'interactions −20 % is not', signals: { interactionsCurrent: 8 }, risk: 0.1, level: 'low', reasons: [] },
    { name: 'no baseline (2 interactions before) → no drop', signals: { interactionsPrevious: 2, interactionsCurrent: 0 }, risk: 0.1, level: 'low', reasons: [] },
    { name: 'interval +50 % exactly stretches', signals: { daysSinceLastPurchase: 30, daysSinceLastActivity: 2 }, risk: 1 - 0.9 * 0.7, level: 'medium', reasons: ['interval_stretch'] },
    { name: 'interval +45 % does not', signals: { daysSinceLastPurchase: 29, daysSinceLastActivity: 2 }, risk: 0.1, level: 'low', reasons: [] },
    { name: '14 days without activity after the purchase', signals: { daysSinceLastPurchase: 14, daysSinceLastActivity: 20, usualPurchaseIntervalDays: 60 }, risk: 1 - 0.9 * 0.85, level: 'low', reasons: ['inactive_after_purchase'] },
    { name: 'activity 3 days ago, after a purchase 14 days ago: not inactive', signals: { daysSinceLastPurchase: 14, daysSinceLastActivity: 3, usualPurchaseIntervalDays: 60 }, risk: 0.1, level: 'low', reasons: [] },
    { name: 'never any activity, purchase 14 days ago', signals: { daysSinceLastPurchase: 14, daysSinceLastActivity: null, usualPurchaseIntervalDays: null }, risk: 1 - 0.9 * 0.85, level: 'low', reasons: ['inactive_after_purchase'] },
    { name: 'low P(alive) alone', signals: { pAlive: 0.3 }, risk: 0.7, level: 'high', reasons: ['p_alive_low'] },
    {
      name: 'everything at once',
      signals: { pAlive: 0.45, interactionsCurrent: 0, daysSinceLastPurchase: 40, daysSinceLastActivity: 40 },
      risk: 1 - 0.45 * 0.75 * 0.7 * 0.85,
      level: 'high',
      reasons: ['p_alive_low', 'frequency_drop', 'interval_stretch', 'inactive_after_purchase'],
    },
    { name: 'no model score and no purchases: signals only', signals: { pAlive: null, daysSinceLastPurchase: null, usualPurchaseIntervalDays: null, interactionsCurrent: 1 }, risk: 0.25, level: 'low', reasons: ['frequency_drop'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = churnRisk({ ...quiet, ...c.signals });
      expect(result.risk).toBeCloseTo(c.risk, 12);
      expect(result.level).toBe(c.level);
      expect(result.reasons).toEqual(c.reasons);
    });
  }
  it('refuses NaN and out-of-range inputs instead of scoring them', () => {
    expect(() => churnRisk({ ...quiet, pAlive: 1.2 })).toThrow(/pAlive/);
    expect(() => churnRisk({ ...quiet, interactionsCurrent: Number.NaN })).toThrow(/interactionsCurrent/);
    expect(() => churnRisk({ ...quiet, daysSinceLastPurchase: -1 })).toThrow(/daysSinceLastPurchase/);
  });
  it('levels follow configurable thresholds', () => {
    const rules = { ...DEFAULT_CHURN_RULES, levels: { medium: 0.05, high: 0.09 } };
    expect(churnRisk(quiet, rules).level).toBe('high');
  });
});

const signals: fc.Arbitrary<ChurnSignals> = fc.record({
  pAlive: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
  interactionsCurrent: fc.integer({ min: 0, max: 50 }),
  interactionsPrevious: fc.integer({ min: 0, max: 50 }),
  daysSinceLastPurchase: fc.option(fc.integer({ min: 0, max: 400 })),
  usualPurchaseIntervalDays: fc.option(fc.double({ min: 0, max: 200, noNaN: true })),
  daysSinceLastActivity: fc.option(fc.integer({ min: 0, max: 400 })),
});

describe('churnRisk (properties)', () => {
  it('risk is in [0, 1] and its level and reasons agree with it', () => {
    fc.assert(
      fc.property(signals, (s) => {
        const { risk, level, reasons } = churnRisk(s);
        expect(risk).toBeGreaterThanOrEqual(0);
        expect(risk).toBeLessThanOrEqual(1);
        expect(level).toBe(risk >= 0.6 ? 'high' : risk >= 0.3 ? 'medium' : 'low');
        expect(reasons.filter((r) => r !== 'p_alive_low')).toEqual(firedSignals(s));
        if (reasons.length === 0) expect(risk).toBeCloseTo(1 - (s.pAlive ?? 1), 12);
      }),
    );
  });
  it('a lower P(alive) never lowers the risk', () => {
    fc.assert(
      fc.property(signals, fc.double({ min: 0, max: 1, noNaN: true }), (s, factor) => {
        const lower = { ...s, pAlive: (s.pAlive ?? 1) * factor };
        expect(churnRisk(lower).risk).toBeGreaterThanOrEqual(churnRisk(s).risk - 1e-12);
      }),
    );
  });
  it('fewer current interactions or a longer wait since the purchase never lower the risk', () => {
    fc.assert(
      fc.property(signals, fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 100 }), (s, fewer, longer) => {
        const base = churnRisk(s).risk;
        expect(churnRisk({ ...s, interactionsCurrent: Math.max(0, s.interactionsCurrent - fewer) }).risk).toBeGreaterThanOrEqual(base);
        if (s.daysSinceLastPurchase !== null) {
          const waited = { ...s, daysSinceLastPurchase: s.daysSinceLastPurchase + longer, daysSinceLastActivity: s.daysSinceLastActivity === null ? null : s.daysSinceLastActivity + longer };
          expect(churnRisk(waited).risk).toBeGreaterThanOrEqual(base);
        }
      }),
    );
  });
});

describe('churnSignalsFromHistory', () => {
  it('counts the two windows and measures the gaps', () => {
    const history = { purchaseDays: [0, 10, 20, 50], interactionDays: [15, 35, 40, 45, 55, 61], pAlive: 0.7 };
    expect(churnSignalsFromHistory(history, 60, 10)).toEqual({
      pAlive: 0.7,
      interactionsCurrent: 1, // 55 (61 is after asOf)
      interactionsPrevious: 1, // 45
      daysSinceLastPurchase: 10,
      usualPurchaseIntervalDays: 10,
      daysSinceLastActivity: 5,
    });
  });
  it('a customer whose purchases slowed gets interval_stretch', () => {
    const history = { purchaseDays: [0, 7, 14, 21, 28], interactionDays: [29], pAlive: 0.9 };
    expect(churnRisk(churnSignalsFromHistory(history, 40)).reasons).toEqual(['interval_stretch']);
  });
  it('usualPurchaseInterval: median of gaps between distinct days, null below two days', () => {
    expect(usualPurchaseInterval([5])).toBeNull();
    expect(usualPurchaseInterval([3, 3])).toBeNull();
    expect(usualPurchaseInterval([0, 4, 4, 10, 30])).toBe(6); // gaps 4, 6, 20
    expect(usualPurchaseInterval([30, 0, 10])).toBe(15);
  });
});
