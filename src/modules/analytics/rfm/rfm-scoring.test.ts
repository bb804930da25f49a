import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, rfmFigures } from './rfm-figures.js';
import { ntileScores, quantileType7, type RfmFigures, scoreByBreaks, scoreRfm, type7Breaks } from './rfm-scoring.js';
import { RFM_SEGMENT_KEYS } from './rfm-segments.js';

describe('quantiles and scores', () => {
  it.each([
    [[1, 2, 3, 4, 5], 0.2, 1.8],
    [[1, 2, 3, 4, 5], 0.8, 4.2],
    [[10], 0.4, 10],
    [[0, 10], 0.6, 6],
    [[1, 1, 1, 9], 0.5, 1],
  ])('type 7 quantile of %j at %f is %f (R quantile(type = 7))', (sorted, p, q) => {
    expect(quantileType7(sorted, p)).toBeCloseTo(q, 12);
  });

  it('scores on the R rfm breaks (quintile + 1), intervals [lo, hi)', () => {
    expect(type7Breaks([1, 2, 3, 4, 5, 6])).toEqual([3, 4, 5, 6]);
    expect([1, 2.9, 3, 4, 5.99, 6, 100].map((x) => scoreByBreaks(x, [3, 4, 5, 6]))).toEqual([1, 1, 2, 3, 4, 5, 5]);
  });

  it('cuts ntile groups like PostgreSQL: sizes differ by at most one, larger groups first', () => {
    const items = [7, 3, 3, 9, 1, 5, 8].map((value, i) => ({ customerId: i + 1, value }));
    // sorted (value, id): 1#5 3#2 3#3 5#6 7#1 8#7 9#4 → groups of 2,2,1,1,1
    expect([...ntileScores(items)].sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, 3], [2, 1], [3, 2], [4, 5], [5, 1], [6, 2], [7, 4],
    ]);
  });

  it('scores recency inversely: the most recent customer gets R 5', () => {
    const customers: RfmFigures[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((d) => ({ customerId: d, recencyDays: d * 10, frequency: d, monetary: d * 100 }));
    for (const method of ['type7', 'ntile'] as const) {
      const scored = scoreRfm(customers, method);
      expect(scored[0]).toMatchObject({ r: 5, f: 1, m: 1 });
      expect(scored[9]).toMatchObject({ r: 1, f: 5, m: 5 });
    }
  });

  it('computes figures over a window, ending at the as-of time', () => {
    const asOf = Date.UTC(2026, 0, 31, 12);
    const figures = rfmFigures(
      [
        { customerId: 'a', at: asOf - 2.5 * DAY_MS, amount: 0.1 },
        { customerId: 'a', at: asOf - 40 * DAY_MS, amount: 0.2 },
        { customerId: 'b', at: asOf + 1, amount: 5 },
        { customerId: 'c', at: asOf - 31 * DAY_MS, amount: 7 },
      ],
      asOf,
      30,
    );
    expect(figures).toEqual([{ customerId: 'a', recencyDays: 2, frequency: 1, monetary: 0.1 }]);
    expect(rfmFigures([{ customerId: 'a', at: 0, amount: 0.1 }, { customerId: 'a', at: 0, amount: 0.2 }], DAY_MS)[0]!.monetary).toBe(0.3);
  });
});

const figuresArb = fc.array(
  fc.record({ recencyDays: fc.integer({ min: 0, max: 400 }), frequency: fc.integer({ min: 1, max: 20 }), monetary: fc.integer({ min: 1, max: 100_000 }).map((c) => c / 100) }),
  { minLength: 1, maxLength: 60 },
);

describe('RFM properties', () => {
  it('more spend never lowers M (either method)', () => {
    fc.assert(
      fc.property(figuresArb, fc.nat(), fc.integer({ min: 1, max: 100_000 }), fc.constantFrom('type7' as const, 'ntile' as const), (rows, pick, extraCents, method) => {
        const customers = rows.map((r, i) => ({ ...r, customerId: i + 1 }));
        const index = pick % customers.length;
        const before = scoreRfm(customers, method)[index]!.m;
        const richer = customers.map((c, i) => (i === index ? { ...c, monetary: (Math.round(c.monetary * 100) + extraCents) / 100 } : c));
        expect(scoreRfm(richer, method)[index]!.m).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('every customer gets scores 1–5 and one of the 11 segments; equal figures get equal type7 scores', () => {
    fc.assert(
      fc.property(figuresArb, (rows) => {
        const scored = scoreRfm(rows.map((r, i) => ({ ...r, customerId: i + 1 })), 'type7');
        for (const c of scored) {
          for (const s of [c.r, c.f, c.m, c.fm]) expect(s >= 1 && s <= 5).toBe(true);
          expect(RFM_SEGMENT_KEYS).toContain(c.segment);
        }
        const byFigures = new Map<string, string>();
        for (const c of scored) {
          const key = `${c.recencyDays}|${c.frequency}|${c.monetary}`;
          const cell = `${c.r}${c.f}${c.m}`;
          expect(byFigures.get(key) ?? cell).toBe(cell);
          byFigures.set(key, cell);
        }
      }),
    );
  });
});
