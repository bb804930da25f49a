import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Candidate, planMerge } from './merge-plan.js';

const c = (customerId: number, day: number, ...userIds: string[]): Candidate => ({ customerId, createdAt: new Date(Date.UTC(2026, 0, day)), userIds });

describe('planMerge', () => {
  it.each<[string, Candidate[], boolean, string | null, ReturnType<typeof planMerge>]>([
    ['one candidate', [c(5, 1)], false, null, { kind: 'keep', customerId: 5 }],
    ['anonymous older than the user: anonymous is master', [c(2, 3, 'u1'), c(1, 1)], false, 'u1', { kind: 'merge', masterId: 1, mergedIds: [2] }],
    ['user older: user is master', [c(1, 1, 'u1'), c(2, 3)], false, 'u1', { kind: 'merge', masterId: 1, mergedIds: [2] }],
    ['same creation time: lower id is master', [c(9, 1), c(4, 1)], false, null, { kind: 'merge', masterId: 4, mergedIds: [9] }],
    ['two known users are not merged by inference', [c(1, 1, 'u1'), c(2, 2, 'u2')], false, 'u2', { kind: 'keep', customerId: 2 }],
    ['a new userId never lands on another user', [c(1, 1, 'u1')], false, 'u3', { kind: 'new' }],
    ['a new userId joins an anonymous one, not the other user', [c(1, 1, 'u1'), c(2, 2)], false, 'u3', { kind: 'keep', customerId: 2 }],
    ['two users and a new userId without alias', [c(1, 1, 'u1'), c(2, 2, 'u2')], false, 'u3', { kind: 'new' }],
    ['two known users, message without userId: oldest', [c(1, 1, 'u1'), c(2, 2, 'u2')], false, null, { kind: 'keep', customerId: 1 }],
    ['explicit alias merges two known users', [c(1, 1, 'u1'), c(2, 2, 'u2')], true, 'u2', { kind: 'merge', masterId: 1, mergedIds: [2] }],
    ['three: two anonymous and one user', [c(3, 3), c(1, 2, 'u1'), c(2, 1)], false, 'u1', { kind: 'merge', masterId: 2, mergedIds: [1, 3] }],
  ])('%s', (_name, candidates, alias, userId, expected) => {
    expect(planMerge(candidates, alias, userId)).toEqual(expected);
  });

  it('is independent of the order of candidates', () => {
    const candidate = fc.record({ customerId: fc.integer({ min: 1, max: 1000 }), day: fc.integer({ min: 1, max: 28 }), user: fc.option(fc.constantFrom('u1', 'u2')) });
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { minLength: 1, maxLength: 6, selector: (x) => x.customerId }), fc.boolean(), (raw, alias) => {
        const list = raw.map((x) => (x.user ? c(x.customerId, x.day, x.user) : c(x.customerId, x.day)));
        expect(planMerge([...list].reverse(), alias, 'u1')).toEqual(planMerge(list, alias, 'u1'));
      }),
    );
  });
});
