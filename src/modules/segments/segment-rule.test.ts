import { describe, expect, it } from 'vitest';
import { parseRule, referencedSegments, RuleError, usesTraits } from './segment-rule.js';

const wrap = (rule: unknown) => ({ version: 1, rule });

describe('parseRule', () => {
  it.each([
    ['not an object', 'x', ''],
    ['wrong version', { version: 2, rule: { tag: 'a' } }, 'version'],
    ['extra top-level key', { version: 1, rule: { tag: 'a' }, x: 1 }, 'x'],
    ['empty and', wrap({ and: [] }), 'rule.and'],
    ['unknown node', wrap({ or: [{ tag: 'a' }, { colour: 'red' }] }), 'rule.or[1]'],
    ['unknown operator', wrap({ field: 'level', op: 'like', value: 'A' }), 'rule.op'],
    ['extra key on a condition', wrap({ tag: 'a', op: 'eq' }), 'rule.op'],
    ['control characters in a tag', wrap({ tag: 'a\u0001' }), 'rule.tag'],
    ['identifier type', wrap({ identifier: 'wechat' }), 'rule.identifier'],
    ['event count 0', wrap({ event: 'x', atLeast: 0 }), 'rule.atLeast'],
    ['window too long', wrap({ not: { event: 'x', withinDays: 99999 } }), 'rule.not.withinDays'],
    ['orders measure', wrap({ orders: { measure: 'max', op: 'gte', value: 1 } }), 'rule.orders.measure'],
    ['orders operator', wrap({ orders: { measure: 'sum', op: 'in', value: [1] } }), 'rule.orders.op'],
    ['bought needs one of sku/category', wrap({ bought: { sku: 'a', category: 'b' } }), 'rule.bought'],
    ['segment id', wrap({ segment: 'x' }), 'rule.segment'],
    ['too deep', wrap({ not: { not: { not: { not: { not: { not: { not: { not: { tag: 'a' } } } } } } } } }), 'rule.not.not.not.not.not.not.not.not'],
  ])('%s → path %s', (_name, raw, path) => {
    try {
      parseRule(raw);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RuleError);
      expect((error as RuleError).path).toBe(path);
    }
  });

  it('accepts every kind of condition and fills defaults', () => {
    const rule = parseRule(
      wrap({
        and: [
          { field: 'level', op: 'in', value: ['A'] },
          { identifier: 'email' },
          { tag: 'vip' },
          { score: 'rfm_segment', op: 'in', value: ['champions'] },
          { trait: 'last_seen_at', op: 'withinDays', value: 30 },
          { event: 'Viewed Product', withinDays: 30 },
          { orders: { measure: 'sum', op: 'gte', value: 1000, withinDays: 90 } },
          { bought: { category: '咖啡' } },
          { or: [{ segment: 3 }, { not: { segment: 4 } }] },
        ],
      }),
    );
    const and = (rule.rule as { and: unknown[] }).and;
    expect(and[1]).toEqual({ identifier: 'email', op: 'exists' });
    expect(and[5]).toEqual({ event: 'Viewed Product', atLeast: 1, withinDays: 30 });
    expect(referencedSegments(rule.rule)).toEqual([3, 4]);
    expect(usesTraits(rule.rule)).toBe(true);
    expect(usesTraits(parseRule(wrap({ tag: 'a' })).rule)).toBe(false);
  });
});
