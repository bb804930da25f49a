import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, validateCreditCode } from './credit-code.js';

const RUNS = { seed: 86, numRuns: 300 };

/** Reference GB 32100-2015 check, weights written as 3^i mod 31 (the standard's definition). */
function referenceCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i] ?? '') * (3 ** i % 31);
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31] ?? '?';
}

const char = fc.constantFrom(...CREDIT_CODE_CHARSET);
const first17 = fc
  .tuple(fc.array(char, { minLength: 2, maxLength: 2 }), fc.stringMatching(/^\d{6}$/), fc.array(char, { minLength: 9, maxLength: 9 }))
  .map(([a, d, b]) => a.join('') + d + b.join(''));

describe('validateCreditCode', () => {
  // valid examples computed with the algorithm (not real registrations)
  it.each<[string, string]>([
    ['91330106MA2H0000K6', '91330106MA2H0000K6'],
    ['91440300MA5DC12341', '91440300MA5DC12341'],
    ['12100000400000770U', '12100000400000770U'],
    ['52110000500000001B', '52110000500000001B'],
    ['92330100MA28X0001X', '92330100MA28X0001X'],
    ['31330000MA27U8AA0R', '31330000MA27U8AA0R'],
    ['91310000607212345B', '91310000607212345B'],
    [' 91330106ma2h0000k6 ', '91330106MA2H0000K6'],
    ['９１３３０１０６ＭＡ２Ｈ００００Ｋ６', '91330106MA2H0000K6'],
    ['913301-06MA2H-0000K6', '91330106MA2H0000K6'],
  ])('%j is valid', (input, value) => {
    expect(validateCreditCode(input)).toEqual({ value, valid: true, reason: null });
  });

  it.each<[string, RegExp]>([
    ['91330106MA2H0000K7', /check character should be 6/],
    ['91330106MA2H0000K', /length 17/],
    ['91330106MA2H0000K61', /length 19/],
    ['91330106MA2H0000I6', /"I" not allowed/],
    ['91330106MA2H0000O6', /"O" not allowed/],
    ['91330106MA2H0000Z6', /"Z" not allowed/],
    ['91330106MA2H0000S6', /"S" not allowed/],
    ['9133A106MA2H0000K6', /division code/],
    ['', /length 0/],
    ['913301O6MA2H0000K6', /"O" not allowed/],
  ])('%j is invalid (%s)', (input, reason) => {
    const r = validateCreditCode(input);
    expect(r.valid).toBe(false);
    expect(r.reason).toMatch(reason);
  });

  it('agrees with the reference check and is idempotent', () => {
    fc.assert(
      fc.property(first17, (f) => {
        expect(creditCodeCheckChar(f)).toBe(referenceCheck(f));
        const once = validateCreditCode(f + referenceCheck(f));
        expect(once.valid).toBe(true);
        expect(validateCreditCode(once.value)).toEqual(once);
      }),
      RUNS,
    );
  });

  it('changing one character is detected unless the recomputed checksum also matches', () => {
    fc.assert(
      fc.property(first17, fc.nat(16), char, (f, pos, c) => {
        const code = f + referenceCheck(f);
        const changed = f.slice(0, pos) + c + f.slice(pos + 1);
        const mutated = changed + code[17];
        const stillValid = /^\d{6}$/.test(changed.slice(2, 8)) && referenceCheck(changed) === code[17];
        expect(validateCreditCode(mutated).valid).toBe(stillValid);
        if (c !== f[pos]) expect(stillValid).toBe(false); // mod 31 with weights coprime to 31
      }),
      RUNS,
    );
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => void validateCreditCode(s)), RUNS);
  });
});
