import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalysisInputError } from '../analysis-input.js';
import { associationRules } from './association-rules.js';
import { recommendItems } from './basket-recommendations.js';
import { sharedDataFile } from '../../../../test/support/shared-data.js';

/** Groceries (R arules): one basket per line, items separated by commas, labels kept exactly. */
function readGroceries(): string[][] {
  const text = readFileSync(sharedDataFile('groceries/groceries.csv'), 'utf8');
  return text.split(/\r?\n/).filter((line) => line !== '').map((line) => line.split(','));
}

describe('associationRules on Groceries (published arules numbers)', () => {
  const baskets = readGroceries();

  it('counts 9,835 transactions, 169 items (two with a trailing space) and whole milk in 2,513', () => {
    const items = new Set(baskets.flat());
    expect(baskets.length).toBe(9835);
    expect(items.size).toBe(169);
    expect([...items].filter((item) => item.endsWith(' ')).sort()).toEqual(['cream cheese ', 'roll products ']);
    expect(baskets.filter((basket) => basket.includes('whole milk')).length).toBe(2513);
  });

  it('min support 0.001, confidence 0.5, length 1..10 → 5,668 rules, top lift {Instant food products, soda} ⇒ {hamburger meat}', () => {
    // CPU time, not wall time: the test machine is shared, and the bound is about the algorithm (≈ 0.6 s alone).
    const started = process.cpuUsage();
    const result = associationRules(baskets, { minSupport: 0.001, minConfidence: 0.5 });
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(3000);
    expect(result.transactions).toBe(9835);
    expect(result.items).toBe(169);
    expect(result.rules.length).toBe(5668);
    const top = result.rules[0]!;
    expect(top.antecedent).toEqual(['Instant food products', 'soda']);
    expect(top.consequent).toEqual(['hamburger meat']);
    expect(top.support).toBeCloseTo(0.0012201, 7);
    expect(top.confidence).toBeCloseTo(0.6315789, 7);
    expect(top.lift).toBeCloseTo(18.99565, 5);
  });

  it('min support 0.006, confidence 0.25, at least 2 items → 463 rules', () => {
    expect(associationRules(baskets, { minSupport: 0.006, minConfidence: 0.25, minLength: 2 }).rules.length).toBe(463);
  });

  it('minLength 1 adds {} ⇒ {x} rules exactly for items whose support reaches the confidence (arules convention)', () => {
    const withEmpty = associationRules(baskets, { minSupport: 0.006, minConfidence: 0.25, minLength: 1 });
    const empty = withEmpty.rules.filter((rule) => rule.antecedent.length === 0);
    expect(empty.map((rule) => rule.consequent[0])).toEqual(['whole milk']);
    expect(empty[0]!.confidence).toBeCloseTo(2513 / 9835, 12);
    expect(withEmpty.rules.length).toBe(464);
  });

  it('maxLength caps the items of a rule', () => {
    const rules = associationRules(baskets, { minSupport: 0.001, minConfidence: 0.5, maxLength: 3 }).rules;
    expect(rules.length).toBeGreaterThan(0);
    expect(Math.max(...rules.map((r) => r.antecedent.length + r.consequent.length))).toBe(3);
  });
});

describe('associationRules (table)', () => {
  const baskets = [['bread', 'milk'], ['bread', 'butter', 'milk'], ['milk'], ['bread', 'butter']];
  it('computes support, confidence and lift of each rule', () => {
    const rules = associationRules(baskets, { minSupport: 0.5, minConfidence: 0.6, minLength: 2 }).rules;
    const text = rules.map((r) => `${r.antecedent.join('+')}=>${r.consequent.join('+')} ${r.support} ${r.confidence.toFixed(4)} ${r.lift.toFixed(4)}`);
    expect(text).toEqual(['butter=>bread 0.5 1.0000 1.3333', 'bread=>butter 0.5 0.6667 1.3333', 'bread=>milk 0.5 0.6667 0.8889', 'milk=>bread 0.5 0.6667 0.8889']);
  });
  it('counts an item repeated within a basket once', () => {
    const rules = associationRules([['a', 'a', 'b'], ['a']], { minSupport: 0.5, minConfidence: 0, minLength: 2 }).rules;
    expect(rules.find((r) => r.antecedent[0] === 'a')!.confidence).toBe(0.5);
  });
  it('refuses no baskets and impossible options', () => {
    expect(() => associationRules([], { minSupport: 0.1, minConfidence: 0.5 })).toThrow(AnalysisInputError);
    expect(() => associationRules(baskets, { minSupport: 0, minConfidence: 0.5 })).toThrow(/min support/);
    expect(() => associationRules(baskets, { minSupport: 0.1, minConfidence: 0.5, minLength: 3, maxLength: 2 })).toThrow(/length/);
  });
});

const basketsArb: fc.Arbitrary<string[][]> = fc.array(fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 25 });

describe('associationRules (properties)', () => {
  it('confidence ≤ 1, support ≤ confidence, lift = support / (support(A) · support(B)) — symmetric in A and B', () => {
    fc.assert(
      fc.property(basketsArb, (baskets) => {
        const share = (items: string[]) => baskets.filter((b) => items.every((i) => b.includes(i))).length / baskets.length;
        for (const rule of associationRules(baskets, { minSupport: 0.05, minConfidence: 0, minLength: 2 }).rules) {
          expect(rule.confidence).toBeLessThanOrEqual(1);
          expect(rule.support).toBeLessThanOrEqual(rule.confidence + 1e-12);
          expect(rule.support).toBeCloseTo(share([...rule.antecedent, ...rule.consequent]), 12);
          expect(rule.lift).toBeCloseTo(rule.support / (share(rule.antecedent) * share(rule.consequent)), 9);
        }
      }),
    );
  });
  it('raising the thresholds only removes rules', () => {
    fc.assert(
      fc.property(basketsArb, (baskets) => {
        const key = (r: { antecedent: string[]; consequent: string[] }) => `${r.antecedent}|${r.consequent}`;
        const loose = new Set(associationRules(baskets, { minSupport: 0.1, minConfidence: 0.2 }).rules.map(key));
        const strict = associationRules(baskets, { minSupport: 0.2, minConfidence: 0.5 }).rules.map(key);
        expect(strict.every((k) => loose.has(k))).toBe(true);
      }),
    );
  });
});

describe('recommendItems ("bought A, not B")', () => {
  const rules = associationRules(readGroceries(), { minSupport: 0.001, minConfidence: 0.5 }).rules;

  it('recommends hamburger meat to a customer with Instant food products and soda, by the top rule', () => {
    const recommendations = recommendItems(rules, ['Instant food products', 'soda']);
    expect(recommendations.map((r) => r.item)).toEqual(['hamburger meat']);
    expect(recommendations[0]!.rule.lift).toBeCloseTo(18.99565, 5);
  });

  it('never recommends an item already bought, and only from rules whose antecedent was bought', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...new Set(readGroceries().slice(0, 300).flat())), { maxLength: 8 }), (purchased) => {
        for (const { item, rule } of recommendItems(rules, purchased, 10)) {
          expect(purchased).not.toContain(item);
          expect(rule.antecedent.every((a) => purchased.includes(a))).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('keeps the best rule per item: highest confidence, then lift', () => {
    const base = { support: 0.1, count: 1 };
    const found = recommendItems(
      [
        { ...base, antecedent: ['a'], consequent: ['x'], confidence: 0.6, lift: 2 },
        { ...base, antecedent: ['b'], consequent: ['x'], confidence: 0.6, lift: 3 },
        { ...base, antecedent: ['a'], consequent: ['y'], confidence: 0.9, lift: 1.1 },
        { ...base, antecedent: ['c'], consequent: ['z'], confidence: 1, lift: 9 },
      ],
      ['a', 'b'],
    );
    expect(found.map((r) => `${r.item}:${r.rule.antecedent[0]}`)).toEqual(['y:a', 'x:b']);
  });
});
