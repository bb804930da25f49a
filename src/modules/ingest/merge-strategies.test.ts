import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unmergePatch } from './merge-profile.js';
import { defaultStrategy, isEmptyValue, type MergeStrategy, mergeFieldValue, strategiesFor } from './merge-strategies.js';

const jan = new Date('2026-01-01T00:00:00Z');
const feb = new Date('2026-02-01T00:00:00Z');
const mar = new Date('2026-03-01T00:00:00Z');

describe('mergeFieldValue', () => {
  const cases: [string, { value: unknown; updatedAt: Date }[], MergeStrategy, unknown][] = [
    ['non_empty keeps the master', [{ value: 'A', updatedAt: jan }, { value: 'B', updatedAt: feb }], 'non_empty', 'A'],
    ['non_empty fills an empty master from the newest', [{ value: null, updatedAt: jan }, { value: 'B', updatedAt: feb }, { value: 'C', updatedAt: mar }], 'non_empty', 'C'],
    ['non_empty skips empty newer values', [{ value: ' ', updatedAt: jan }, { value: 'B', updatedAt: feb }, { value: '', updatedAt: mar }], 'non_empty', 'B'],
    ['most_recent takes the newest non-empty', [{ value: 'A', updatedAt: mar }, { value: 'B', updatedAt: feb }], 'most_recent', 'A'],
    ['most_recent over the master', [{ value: 'A', updatedAt: jan }, { value: 'B', updatedAt: feb }], 'most_recent', 'B'],
    ['oldest is the master even when empty', [{ value: null, updatedAt: jan }, { value: 'B', updatedAt: feb }], 'oldest', null],
    ['union of lists, master first, distinct', [{ value: ['x'], updatedAt: jan }, { value: ['y', 'x'], updatedAt: feb }], 'union', ['x', 'y']],
    ['union with empty lists', [{ value: null, updatedAt: jan }, { value: [], updatedAt: feb }], 'union', null],
    ['union of scalars falls back to non_empty', [{ value: null, updatedAt: jan }, { value: 'B', updatedAt: feb }], 'union', 'B'],
    ['all empty keeps the master', [{ value: null, updatedAt: jan }, { value: '', updatedAt: feb }], 'most_recent', null],
  ];
  it.each(cases)('%s', (_, values, strategy, expected) => {
    expect(mergeFieldValue(values, strategy)).toEqual(expected);
  });

  it('treats a placeholder (the anonymous name) as empty', () => {
    const empty = (v: unknown) => isEmptyValue(v, '匿名访客');
    expect(mergeFieldValue([{ value: '匿名访客', updatedAt: jan }, { value: '王芳', updatedAt: feb }], 'non_empty', empty)).toBe('王芳');
  });

  it('defaults: union for lists, non_empty otherwise; union only offered for lists', () => {
    expect([defaultStrategy(true), defaultStrategy(false)]).toEqual(['union', 'non_empty']);
    expect(strategiesFor(false)).not.toContain('union');
  });

  it('always answers one of the profiles’ values (or, for union, only their elements)', () => {
    const value = fc.option(fc.oneof(fc.string({ maxLength: 3 }), fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 })), { nil: null });
    const profile = fc.record({ value, updatedAt: fc.date({ min: jan, max: mar, noInvalidDate: true }) });
    fc.assert(
      fc.property(fc.array(profile, { minLength: 1, maxLength: 5 }), fc.constantFrom<MergeStrategy>('most_recent', 'oldest', 'non_empty', 'union'), (profiles, strategy) => {
        const result = mergeFieldValue(profiles, strategy);
        if (strategy === 'union' && profiles.every((p) => p.value === null || Array.isArray(p.value)) && Array.isArray(result)) {
          const all = new Set<unknown>(profiles.flatMap((p) => (Array.isArray(p.value) ? p.value : [])));
          expect(result.every((x) => all.has(x))).toBe(true);
          expect(new Set(result).size).toBe(result.length);
        } else expect(profiles.map((p) => JSON.stringify(p.value))).toContain(JSON.stringify(result));
        if (strategy !== 'oldest' && profiles.some((p) => !isEmptyValue(p.value))) expect(isEmptyValue(result)).toBe(false);
      }),
    );
  });
});

describe('unmergePatch', () => {
  it('puts back what the merge changed unless edited since', () => {
    const before = { id: 1, name: 'A', company: null, level: 'B', updated_at: 'x' };
    const after = { id: 1, name: 'B', company: 'C', level: 'B', updated_at: 'y' };
    expect(unmergePatch(before, after, { ...after, company: 'edited' })).toEqual({ name: 'A' });
  });

  it('restores the row before the merge when nothing was edited since', () => {
    const row = fc.dictionary(fc.constantFrom('name', 'company', 'level', 'owner_id'), fc.option(fc.string({ maxLength: 2 }), { nil: null }));
    fc.assert(
      fc.property(row, row, (before, changes) => {
        const after = { ...before, ...changes };
        const restored = { ...after, ...unmergePatch(before, after, after) };
        for (const key of Object.keys(after)) expect(restored[key] ?? null).toEqual(before[key] ?? null);
      }),
    );
  });
});
