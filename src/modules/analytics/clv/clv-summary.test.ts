import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalysisInputError } from '../analysis-input.js';
import { CDNOW_CALIBRATION_END, readCdnowTransactions } from './cdnow-sample.fixture.js';
import { assertFittable, buildClvSummaries, type ClvTransaction } from './clv-summary.js';

const tx = (customer: string, day: number, amount: number): ClvTransaction => ({ customer, day, amount });

describe('buildClvSummaries (table)', () => {
  const cases: { name: string; transactions: ClvTransaction[]; end: number; unit: 'week' | 'day'; expected: object[] }[] = [
    {
      name: 'same-day purchases are one transaction; monetary is the mean of the repeat ones',
      transactions: [tx('a', 0, 10), tx('a', 0, 5), tx('a', 14, 20), tx('a', 28, 30)],
      end: 35,
      unit: 'week',
      expected: [{ customer: 'a', frequency: 2, recency: 4, T: 5, monetary: 25 }],
    },
    { name: 'one purchase: x = 0, t_x = 0, monetary 0', transactions: [tx('b', 3, 99)], end: 10, unit: 'day', expected: [{ customer: 'b', frequency: 0, recency: 0, T: 7, monetary: 0 }] },
    {
      name: 'transactions after the calibration end are ignored',
      transactions: [tx('c', 0, 1), tx('c', 5, 2), tx('c', 11, 3)],
      end: 10,
      unit: 'day',
      expected: [{ customer: 'c', frequency: 1, recency: 5, T: 10, monetary: 2 }],
    },
    { name: 'a customer whose first purchase is after the end is left out', transactions: [tx('d', 12, 1), tx('e', 1, 1)], end: 10, unit: 'day', expected: [{ customer: 'e', frequency: 0, recency: 0, T: 9, monetary: 0 }] },
    { name: 'a purchase on the end day counts; order of input does not matter', transactions: [tx('f', 10, 4), tx('f', 2, 1)], end: 10, unit: 'day', expected: [{ customer: 'f', frequency: 1, recency: 8, T: 8, monetary: 4 }] },
  ];
  for (const c of cases) it(c.name, () => expect(buildClvSummaries(c.transactions, c.end, c.unit)).toEqual(c.expected));

  it('CDNOW: 2,357 customers, 946 repeat buyers, T = 38.86 weeks for a 1997-01-01 start', () => {
    const summaries = buildClvSummaries(readCdnowTransactions(), CDNOW_CALIBRATION_END, 'week');
    expect(summaries).toHaveLength(2357);
    expect(summaries.filter((s) => s.frequency > 0)).toHaveLength(946);
    expect(summaries[0]).toMatchObject({ customer: '0001', frequency: 2 });
    expect(summaries[0]!.recency).toBeCloseTo(30.43, 2);
    expect(summaries[0]!.T).toBeCloseTo(38.86, 2);
  });
});

describe('buildClvSummaries (properties)', () => {
  const arbitraryTransactions = fc.array(fc.record({ customer: fc.constantFrom('a', 'b', 'c'), day: fc.integer({ min: 0, max: 60 }), amount: fc.double({ min: 0, max: 500, noNaN: true }) }), { maxLength: 40 });
  it('0 ≤ t_x ≤ T and frequency < purchase days, in both units', () => {
    fc.assert(
      fc.property(arbitraryTransactions, fc.integer({ min: 0, max: 70 }), fc.constantFrom('week' as const, 'day' as const), (transactions, end, unit) => {
        for (const s of buildClvSummaries(transactions, end, unit)) {
          expect(s.recency).toBeGreaterThanOrEqual(0);
          expect(s.recency).toBeLessThanOrEqual(s.T);
          expect(s.frequency).toBeLessThan(new Set(transactions.filter((t) => t.customer === s.customer && t.day <= end).map((t) => t.day)).size);
        }
      }),
    );
  });
  it('the input order does not change the summaries', () => {
    fc.assert(
      fc.property(arbitraryTransactions, (transactions) => {
        const sorted = (list: ClvTransaction[]) => buildClvSummaries(list, 60, 'day').sort((p, q) => p.customer.localeCompare(q.customer));
        const forward = sorted(transactions);
        const backward = sorted([...transactions].reverse());
        expect(backward.map((s) => [s.customer, s.frequency, s.recency, s.T])).toEqual(forward.map((s) => [s.customer, s.frequency, s.recency, s.T]));
        for (const [i, s] of backward.entries()) expect(s.monetary).toBeCloseTo(forward[i]!.monetary, 9);
      }),
    );
  });
});

describe('assertFittable', () => {
  const one = { customer: 'x', frequency: 0, recency: 0, T: 5, monetary: 0 };
  it('refuses fewer than 10 customers', () => expect(() => assertFittable([one, { ...one, frequency: 1 }])).toThrow(/2 customers.*at least 10/));
  it('refuses data without repeat buyers', () => {
    const error = (() => {
      try {
        assertFittable(Array.from({ length: 20 }, () => one));
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(AnalysisInputError);
    expect(error).toMatchObject({ code: 'analysis.too_little_data', message: expect.stringMatching(/no repeat buyers/) });
  });
});
