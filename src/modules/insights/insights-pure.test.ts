import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterRunView, radarScale } from './cluster-run-view.js';
import { cohortTable, firstCohortMonth } from './cohort-table.js';
import { buildPortrait } from './portrait.js';

describe('cohortTable', () => {
  it.each([
    ['2026-03', 3, '2026-01'],
    ['2026-01', 2, '2025-12'],
    ['2026-12', 12, '2026-01'],
    ['2026-05', 25, '2024-05'],
  ])('%s with %i months starts at %s', (current, months, first) => {
    expect(firstCohortMonth(current, months)).toBe(first);
  });

  it('fills empty months, computes shares and leaves months not reached as null', () => {
    const rows = [
      { cohort: '2025-12', offset: 0, customers: 4 },
      { cohort: '2025-12', offset: 1, customers: 1 },
      { cohort: '2026-02', offset: 0, customers: 3 },
    ];
    expect(cohortTable(rows, '2026-02', 3)).toEqual([
      { month: '2025-12', customers: 4, retention: [{ offset: 1, customers: 1, share: 0.25 }, { offset: 2, customers: 0, share: 0 }] },
      { month: '2026-01', customers: 0, retention: [{ offset: 1, customers: 0, share: 0 }, null] },
      { month: '2026-02', customers: 3, retention: [null, null] },
    ]);
  });

  it('always has `months` rows of `months − 1` offsets, shares within 0–1 and nulls only past the current month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 24 }), fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.array(fc.tuple(fc.nat(30), fc.nat(30), fc.integer({ min: 1, max: 50 }))), (months, year, month, raw) => {
        const current = `${year}-${String(month).padStart(2, '0')}`;
        const first = firstCohortMonth(current, months);
        const months0 = cohortTable([], current, months).map((c) => c.month);
        const rows = raw.map(([c, offset, n]) => ({ cohort: months0[c % months]!, offset, customers: n }));
        const table = cohortTable(rows, current, months);
        expect(table).toHaveLength(months);
        expect(table[0]!.month).toBe(first);
        expect(table.at(-1)!.month).toBe(current);
        table.forEach((cohort, i) => {
          expect(cohort.retention).toHaveLength(months - 1);
          cohort.retention.forEach((cell, j) => {
            expect(cell === null).toBe(i + j + 1 > months - 1);
            // Shares are rounded to 4 decimals: off by at most half a unit of the 4th (1/32 = 0.03125 → 0.0313),
            // which toBeCloseTo(…, 4) (strictly less than 0.00005) refused on such exact halves.
            if (cell && cohort.customers > 0) expect(Math.abs(cell.share - cell.customers / cohort.customers)).toBeLessThanOrEqual(0.00005 + 1e-12);
          });
        });
      }),
    );
  });
});

describe('radarScale and clusterRunView', () => {
  it('scales each feature to 0–1 across clusters; equal values give 0.5', () => {
    expect(radarScale([{ a: 1, b: 3 }, { a: 3, b: 3 }, { a: 2, b: 3 }], ['a', 'b'])).toEqual([{ a: 0, b: 0.5 }, { a: 1, b: 0.5 }, { a: 0.5, b: 0.5 }]);
  });

  it('reads a partial or malformed summary without failing', () => {
    const run = { id: 7, finishedAt: new Date('2026-06-01T00:00:00Z') };
    expect(clusterRunView({ ...run, summary: null }, new Map())).toBeNull();
    expect(clusterRunView({ ...run, summary: { k: 2 } }, new Map())).toBeNull();
    const view = clusterRunView({ ...run, summary: { sizes: [5, 'x'], centroids: [{ m: 1 }, { m: 3, bad: 'no' }] } }, new Map([[1, 2]]));
    expect(view).toMatchObject({ runId: 7, k: 2, features: ['m'] });
    expect(view!.clusters.map((c) => [c.size, c.customersInScope, c.nameZh, c.nameEn, c.radar.m])).toEqual([
      [5, 0, '群组 1', 'Cluster 1', 0],
      [0, 2, '群组 2', 'Cluster 2', 1],
    ]);
  });
});

describe('buildPortrait', () => {
  it('labels from options, largest first, not set last; hidden dimensions have no buckets', () => {
    const rows = [
      { dimension: 'level' as const, value: null, regionName: null, customers: 9 },
      { dimension: 'level' as const, value: 'B', regionName: null, customers: 2 },
      { dimension: 'level' as const, value: 'A', regionName: null, customers: 5 },
      { dimension: 'level' as const, value: 'Z', regionName: null, customers: 1 },
      { dimension: 'total' as const, value: null, regionName: null, customers: 17 },
    ];
    const options = { industry: [], source: [], level: [{ value: 'A', labelZh: '甲', labelEn: 'Key' }, { value: 'B', labelZh: '乙', labelEn: 'Normal' }] };
    const portrait = buildPortrait(rows, options, new Set(['level'] as const));
    expect(portrait.total).toBe(17);
    expect(portrait.province).toEqual({ visible: false, buckets: [] });
    expect(portrait.level.buckets.map((b) => [b.value, b.labelEn, b.customers])).toEqual([
      ['A', 'Key', 5],
      ['B', 'Normal', 2],
      ['Z', 'Z', 1],
      [null, 'Not set', 9],
    ]);
  });
});
