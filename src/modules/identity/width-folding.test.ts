import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForMatching, TRADITIONAL_TO_SIMPLIFIED, toFullWidth, toHalfWidth, toSimplified } from './width-folding.js';

const RUNS = { seed: 86, numRuns: 300 };
const ascii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) });

describe('toHalfWidth / toFullWidth', () => {
  it.each<[string, string]>([
    ['ＡＢＣ１２３', 'ABC123'],
    ['ａｂｃ', 'abc'],
    ['（杭州）', '(杭州)'],
    ['＋８６　１３８', '+86 138'],
    ['\u3000', ' '],
    ['！＂＃＄％', '!"#$%'],
    ['～', '~'],
    ['Ｃｏ．，Ｌｔｄ．', 'Co.,Ltd.'],
    ['已是半角 abc', '已是半角 abc'],
    ['。、「」', '。、「」'],
    ['', ''],
    ['😀ＡＢ', '😀AB'],
  ])('toHalfWidth(%j) = %j', (input, expected) => {
    expect(toHalfWidth(input)).toBe(expected);
  });

  it.each<[string, string]>([
    ['ABC123', 'ＡＢＣ１２３'],
    ['+86 138', '＋８６　１３８'],
    ['(杭州)', '（杭州）'],
    ['~', '～'],
    ['', ''],
    ['公司', '公司'],
    ['a b', 'ａ　ｂ'],
    ['!', '！'],
    ['Co.', 'Ｃｏ．'],
    ['\t', '\t'],
  ])('toFullWidth(%j) = %j', (input, expected) => {
    expect(toFullWidth(input)).toBe(expected);
  });

  it('half ∘ full is the identity on printable ASCII, and both are idempotent', () => {
    fc.assert(
      fc.property(ascii, (s) => {
        expect(toHalfWidth(toFullWidth(s))).toBe(s);
        expect(toHalfWidth(toHalfWidth(s))).toBe(toHalfWidth(s));
        expect(toFullWidth(toFullWidth(s))).toBe(toFullWidth(s));
      }),
      RUNS,
    );
  });
});

describe('toSimplified', () => {
  it.each<[string, string]>([
    ['集團', '集团'],
    ['國際', '国际'],
    ['貿易', '贸易'],
    ['電子', '电子'],
    ['實業', '实业'],
    ['發展', '发展'],
    ['網絡', '网络'],
    ['廣州', '广州'],
    ['東莞', '东莞'],
    ['臺灣', '台湾'],
    ['台灣', '台湾'],
    ['杭州雲啟科技有限公司', '杭州云启科技有限公司'],
    ['公司 有限 科技', '公司 有限 科技'],
    ['ABC', 'ABC'],
  ])('%j → %j', (input, expected) => {
    expect(toSimplified(input)).toBe(expected);
  });

  it('the map has about 100 single-character entries, none mapping to another key', () => {
    expect(TRADITIONAL_TO_SIMPLIFIED.size).toBeGreaterThanOrEqual(80);
    for (const [t, s] of TRADITIONAL_TO_SIMPLIFIED) {
      expect([...t]).toHaveLength(1);
      expect([...s]).toHaveLength(1);
      expect(t).not.toBe(s);
      expect(TRADITIONAL_TO_SIMPLIFIED.has(s)).toBe(false);
    }
  });

  it('foldForMatching is idempotent', () => {
    const chars = fc.constantFrom(...TRADITIONAL_TO_SIMPLIFIED.keys(), 'Ａ', '　', 'a', '公', '司', '１');
    fc.assert(
      fc.property(fc.array(chars).map((a) => a.join('')), fc.string(), (a, b) => {
        const once = foldForMatching(a + b);
        expect(foldForMatching(once)).toBe(once);
      }),
      RUNS,
    );
  });
});
