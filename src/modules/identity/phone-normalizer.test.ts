import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeChinaMobile, normalizeLandline, normalizePhone } from './phone-normalizer.js';
import { toFullWidth } from './width-folding.js';

const RUNS = { seed: 86, numRuns: 300 };

describe('normalizeChinaMobile', () => {
  it.each<[string, string | null, number]>([
    ['13812345678', '+8613812345678', 0],
    ['+86 138-1234-5678', '+8613812345678', 0],
    ['+86 (138) 1234 5678', '+8613812345678', 0],
    ['008613812345678', '+8613812345678', 0],
    ['8613812345678', '+8613812345678', 0],
    ['０１３８１２３４５６７８', '+8613812345678', 0],
    ['＋８６　１３８　１２３４　５６７８', '+8613812345678', 0],
    ['  199 0000 0000 ', '+8619900000000', 0],
    ['14012345678', '+8614012345678', 1],
    ['14912345678', '+8614912345678', 1],
    ['17012345678', '+8617012345678', 1],
    ['17112345678', '+8617112345678', 1],
    ['14512345678', '+8614512345678', 0],
    ['17212345678', '+8617212345678', 0],
    ['12812345678', null, 0],
    ['1381234567', null, 0],
    ['138123456789', null, 0],
    ['+85291234567', null, 0],
    ['', null, 0],
    ['13812345678 转 12', null, 0],
    ['abc', null, 0],
  ])('%j → %j (%i warnings)', (input, value, warnings) => {
    const r = normalizeChinaMobile(input);
    expect(r.value).toBe(value);
    expect(r.valid).toBe(value !== null);
    expect(r.warnings).toHaveLength(warnings);
  });

  it('is idempotent on its output', () => {
    const mobile = fc
      .tuple(fc.constantFrom(...'3456789'), fc.stringMatching(/^\d{9}$/))
      .map(([p, rest]) => `1${p}${rest}`);
    fc.assert(
      fc.property(mobile, fc.constantFrom('', '+86', '0086', '86', '+86 '), (m, prefix) => {
        const once = normalizeChinaMobile(prefix + m);
        expect(once.valid).toBe(true);
        expect(normalizeChinaMobile(once.value!)).toEqual(once);
        expect(normalizeChinaMobile(toFullWidth(prefix + m)).value).toBe(once.value);
      }),
      RUNS,
    );
  });
});

describe('normalizeLandline', () => {
  it.each<[string, string | null, string | null, string | null, string | null]>([
    ['010-6552 9988', '010', '65529988', null, '+861065529988'],
    ['(0755)8888 8888 转 123', '0755', '88888888', '123', '+8675588888888'],
    ['+86 21 5555 6666 ext 8', '021', '55556666', '8', '+862155556666'],
    ['0571-8888888', '0571', '8888888', null, '+865718888888'],
    ['010-65529988-123', '010', '65529988', '123', '+861065529988'],
    ['０１０－６５５２９９８８', '010', '65529988', null, '+861065529988'],
    ['0086 10 6552 9988 #12', '010', '65529988', '12', '+861065529988'],
    ['（０２０）３８８８ ８８８８ 轉 6', '020', '38888888', '6', '+862038888888'],
    ['02388886666x5', '023', '88886666', '5', '+862388886666'],
    ['+861065529988', '010', '65529988', null, '+861065529988'],
    ['65529988', null, null, null, null],
    ['010-0552 9988', null, null, null, null],
    ['0755-123456', null, null, null, null],
    ['13812345678', null, null, null, null],
    ['+44 20 7946 0958', null, null, null, null],
    ['', null, null, null, null],
  ])('%j', (input, areaCode, number, extension, e164) => {
    const r = normalizeLandline(input);
    expect(r).toEqual({ areaCode, number, extension, e164, valid: e164 !== null });
  });

  it('is idempotent on its E.164 output', () => {
    const landline = fc
      .tuple(
        fc.oneof(fc.constantFrom('010', '021', '020'), fc.stringMatching(/^0[3-9]\d{2}$/)),
        fc.stringMatching(/^[2-9]\d{6,7}$/),
        fc.constantFrom('-', ' ', ''),
      )
      .map(([a, n, sep]) => `${a}${sep}${n}`);
    fc.assert(
      fc.property(landline, (l) => {
        const once = normalizeLandline(l);
        expect(once.valid).toBe(true);
        expect(normalizeLandline(once.e164!)).toEqual(once);
      }),
      RUNS,
    );
  });
});

describe('normalizePhone', () => {
  it.each<[string, string, string | null, string | null]>([
    ['13812345678', 'mobile', '+8613812345678', null],
    ['+86 138 1234 5678', 'mobile', '+8613812345678', null],
    ['010-6552 9988', 'landline', '+861065529988', null],
    ['(0755)8888 8888 转 123', 'landline', '+8675588888888', '123'],
    ['+44 20 7946 0958', 'international', '+442079460958', null],
    ['0044 20 7946 0958', 'international', '+442079460958', null],
    ['+1 (415) 555-0123', 'international', '+14155550123', null],
    ['+852 9123 4567', 'international', '+85291234567', null],
    ['+1 415 555 0123 ext 9', 'international', '+14155550123', '9'],
    ['+1 234', 'international', null, null],
    ['+12345678901234567', 'international', null, null],
    ['+86 128 1234 5678', 'unknown', null, null],
    ['12345', 'unknown', null, null],
    ['not a phone', 'unknown', null, null],
    ['', 'unknown', null, null],
  ])('%j → %s %j', (input, kind, value, extension) => {
    const r = normalizePhone(input);
    expect(r.kind).toBe(kind);
    expect(r.value).toBe(value);
    expect(r.valid).toBe(value !== null);
    expect(r.extension).toBe(extension);
  });

  it('never throws on any string and valid results are E.164', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.stringMatching(/^[+0-9 ()\-转ext#]{0,25}$/)), (s) => {
        const r = normalizePhone(s);
        if (r.valid) expect(r.value).toMatch(/^\+[1-9]\d{7,14}$/);
        else expect(r.value).toBeNull();
      }),
      { seed: 86, numRuns: 1000 },
    );
  });

  it('is idempotent: normalizing the value gives the same value', () => {
    const input = fc.oneof(
      fc.stringMatching(/^1[3-9]\d{9}$/),
      fc.stringMatching(/^0(10|2\d|[3-9]\d{2})-[2-9]\d{7}$/),
      fc.stringMatching(/^\+[1-7]\d{7,13}$/),
      fc.string(),
    );
    fc.assert(
      fc.property(input, (s) => {
        const once = normalizePhone(s);
        if (once.value === null) return;
        const twice = normalizePhone(once.value);
        expect(twice.value).toBe(once.value);
        expect(twice.kind).toBe(once.kind);
      }),
      RUNS,
    );
  });
});
