import { describe, expect, it } from 'vitest';
import { compareDate, compareExact, compareField, compareFuzzy, compareId, normalizeValue } from './comparators.js';

describe('comparators', () => {
  it('treat a missing side as no evidence', () => {
    for (const kind of ['exact', 'fuzzy', 'date', 'id'] as const) expect(compareField(kind, '', 'x1')).toBeNull();
  });

  it('exact', () => {
    expect(compareExact('nsw', 'nsw')).toEqual({ similarity: 1, how: 'exact' });
    expect(compareExact('nsw', 'vic')).toEqual({ similarity: 0, how: 'differ' });
  });

  it('fuzzy', () => {
    expect(compareFuzzy('martha', 'marhta')?.similarity).toBeCloseTo(0.961, 3);
    expect(compareFuzzy('martha', 'martha')).toEqual({ similarity: 1, how: 'exact' });
  });

  it.each<[string, string, number, string]>([
    ['19550212', '19550212', 1, 'exact'],
    ['19550212', '19551202', 0.85, 'day-month-swap'],
    ['19550212', '19550213', 0.8, 'one-digit'],
    ['19550212', '19552012', 0.8, 'transposition'],
    ['1955-02-12', '19550212', 1, 'exact'],
    ['19550212', '19880101', 0, 'differ'],
  ])('date %s / %s', (a, b, sim, how) => {
    expect(compareDate(a, b)).toEqual({ similarity: sim, how });
  });

  it.each<[string, string, number, string]>([
    ['6569089', '6569089', 1, 'exact'],
    ['6569089', '6569809', 0.85, 'transposition'],
    ['6569089', '6569088', 0.75, 'one-digit'],
    ['6569089', '656908', 0.75, 'one-digit'],
    ['7', '4', 0, 'differ'],
    ['20', '200', 0, 'differ'],
  ])('id %s / %s', (a, b, sim, how) => {
    expect(compareId(a, b)).toEqual({ similarity: sim, how });
  });

  it('unrelated ids score low', () => {
    expect(compareId('6569089', '1325139')!.similarity).toBeLessThan(0.2);
  });

  it('normalises case and whitespace', () => {
    expect(normalizeValue('  Freda   GIBSON ')).toBe('freda gibson');
    expect(normalizeValue(undefined)).toBe('');
  });
});
