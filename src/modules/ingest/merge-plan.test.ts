import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './identity-rules.js';
import { type Candidate, type OwnedIdentifier, planResolution, type Resolution } from './merge-plan.js';

const c = (customerId: number, day: number, counts: Record<string, number> = {}): Candidate => ({ customerId, createdAt: new Date(Date.UTC(2026, 0, day)), counts });
const id = (type: string, value: string, owner?: number): OwnedIdentifier => ({ identifier: { type, value }, owner });
const limits = (type: string) => DEFAULT_RULES.limit(type);
const plan = (ids: OwnedIdentifier[], candidates: Candidate[]) => planResolution(ids, candidates, limits);

describe('planResolution', () => {
  it.each<[string, OwnedIdentifier[], Candidate[], Resolution]>([
    ['nobody known: a new customer takes them all', [id('userId', 'u1'), id('anonymousId', 'a1')], [], { customerIds: [], attach: [{ type: 'userId', value: 'u1' }, { type: 'anonymousId', value: 'a1' }], dropped: [] }],
    ['one customer keeps its visitor', [id('anonymousId', 'a1', 5)], [c(5, 1, { anonymousId: 1 })], { customerIds: [5], attach: [], dropped: [] }],
    ['a user and an anonymous visitor merge into the oldest', [id('userId', 'u1', 2), id('anonymousId', 'a1', 1)], [c(2, 3, { userId: 1 }), c(1, 1, { anonymousId: 1 })], { customerIds: [1, 2], attach: [], dropped: [] }],
    ['same creation time: lower id is master', [id('anonymousId', 'a', 9), id('anonymousId', 'b', 4)], [c(9, 1, { anonymousId: 1 }), c(4, 1, { anonymousId: 1 })], { customerIds: [4, 9], attach: [], dropped: [] }],
    ['two known users are not merged (userId limit 1): the higher priority wins', [id('userId', 'u2', 2), id('email', 'e', 1)], [c(1, 1, { userId: 1, email: 1 }), c(2, 2, { userId: 1 })], { customerIds: [2], attach: [], dropped: [{ type: 'email', value: 'e' }] }],
    ['a new userId never lands on another user: new customer', [id('userId', 'u3'), id('anonymousId', 'a1', 1)], [c(1, 1, { userId: 1, anonymousId: 1 })], { customerIds: [], attach: [{ type: 'userId', value: 'u3' }], dropped: [{ type: 'anonymousId', value: 'a1' }] }],
    ['a new userId joins an anonymous visitor', [id('userId', 'u3'), id('anonymousId', 'a2', 2)], [c(2, 2, { anonymousId: 1 })], { customerIds: [2], attach: [{ type: 'userId', value: 'u3' }], dropped: [] }],
    ['a sixth email is dropped (limit 5), the known userId kept', [id('userId', 'u1', 1), id('email', 'six')], [c(1, 1, { userId: 1, email: 5 })], { customerIds: [1], attach: [], dropped: [{ type: 'email', value: 'six' }] }],
    ['anonymousIds are unlimited', [id('userId', 'u1', 1), id('anonymousId', 'new')], [c(1, 1, { userId: 1, anonymousId: 400 })], { customerIds: [1], attach: [{ type: 'anonymousId', value: 'new' }], dropped: [] }],
  ])('%s', (_, ids, candidates, expected) => {
    expect(plan(ids, candidates)).toEqual(expected);
  });

  it('never yields a profile over a limit, and accounts for every identifier', () => {
    const types = ['userId', 'email', 'anonymousId'];
    const arb = fc.array(fc.record({ type: fc.constantFrom(...types), owner: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }) }), { maxLength: 6 });
    const countsArb = fc.record({ userId: fc.integer({ min: 0, max: 1 }), email: fc.integer({ min: 1, max: 5 }), anonymousId: fc.integer({ min: 0, max: 9 }) });
    fc.assert(
      fc.property(arb, fc.array(countsArb, { minLength: 4, maxLength: 4 }), (raw, counts) => {
        const candidates = counts.map((k, i) => c(i + 1, i + 1, k));
        const ids = raw.map((r, i) => id(r.type, `v${i}`, r.owner));
        const result = plan(ids, candidates);
        const total: Record<string, number> = {};
        for (const customer of result.customerIds) for (const [t, n] of Object.entries(counts[customer - 1]!)) total[t] = (total[t] ?? 0) + n;
        for (const i of result.attach) total[i.type] = (total[i.type] ?? 0) + 1;
        for (const [t, n] of Object.entries(total)) if (limits(t) !== null) expect(n).toBeLessThanOrEqual(limits(t)!);
        const accounted = ids.filter((i) => (i.owner !== undefined && result.customerIds.includes(i.owner)) || result.attach.includes(i.identifier) || result.dropped.includes(i.identifier));
        expect(accounted).toHaveLength(ids.length);
        expect([...result.customerIds].sort((a, b) => a - b)).toEqual(result.customerIds); // equal days+ids here: oldest = lowest id
      }),
    );
  });
});
