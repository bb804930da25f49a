import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCardCheckChar, validateIdCard } from './id-card.js';

const TODAY = '2026-06-30';
const RUNS = { seed: 86, numRuns: 300 };

/** Reference ISO 7064 MOD 11-2 from its definition (weights 2^(17-i) mod 11). */
function referenceCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

const first17 = fc
  .tuple(
    fc.stringMatching(/^[1-9]\d{5}$/),
    fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true }),
    fc.stringMatching(/^\d{3}$/),
  )
  .map(([region, d, seq]) => region + d.toISOString().slice(0, 10).replace(/-/g, '') + seq);

describe('validateIdCard', () => {
  // computed with the algorithm; 11010519491231002X is the GB 11643 sample
  it.each<[string, string, 'male' | 'female']>([
    ['11010519491231002X', '1949-12-31', 'female'],
    ['440306199003071232', '1990-03-07', 'male'],
    ['330106200002290045', '2000-02-29', 'female'],
    ['510104198501016519', '1985-01-01', 'male'],
    ['31011519700101010X', '1970-01-01', 'female'],
    ['11010519491231002x', '1949-12-31', 'female'],
    [' 110105 19491231 002X ', '1949-12-31', 'female'],
    ['１１０１０５１９４９１２３１００２Ｘ', '1949-12-31', 'female'],
    ['110105-19491231-002X', '1949-12-31', 'female'],
    ['110105194912310038', '1949-12-31', 'male'],
  ])('%j is valid', (input, birthDate, gender) => {
    const r = validateIdCard(input, TODAY);
    expect(r.reasons).toEqual([]);
    expect(r).toMatchObject({ valid: true, birthDate, gender });
  });

  it.each<[string, RegExp]>([
    ['110105194912310021', /check character should be X/],
    ['440306199003071231', /check character should be 2/],
    ['330106199902290045', /not a real date/],
    ['110105194913310021', /not a real date/],
    ['110101202712310017', /in the future/],
    ['110101189912310017', /before 1900/],
    ['010105194912310021', /region code/],
    ['11010519491231002', /length 17/],
    ['1101051949123100211', /length 19/],
    ['11010519491231002Y', /digit or X/],
    ['X10105194912310021', /digit or X/],
    ['', /length 0/],
  ])('%j is invalid (%s)', (input, reason) => {
    const r = validateIdCard(input, TODAY);
    expect(r.valid).toBe(false);
    expect(r.reasons.join('; ')).toMatch(reason);
  });

  it('today is an argument: a birth date of today is valid, tomorrow is not', () => {
    const id = `110101${'20260630'}123`;
    const full = id + referenceCheck(id);
    expect(validateIdCard(full, '2026-06-30').valid).toBe(true);
    expect(validateIdCard(full, new Date('2026-06-30T00:00:00Z')).valid).toBe(true);
    expect(validateIdCard(full, '2026-06-29').reasons).toEqual(['birth date is in the future']);
  });

  it('agrees with the reference check and is idempotent', () => {
    fc.assert(
      fc.property(first17, (f) => {
        expect(idCardCheckChar(f)).toBe(referenceCheck(f));
        const once = validateIdCard(f + referenceCheck(f), TODAY);
        expect(once.valid).toBe(true);
        expect(validateIdCard(once.value, TODAY)).toEqual(once);
      }),
      RUNS,
    );
  });

  it('one changed digit is invalid unless the checksum is recomputed', () => {
    fc.assert(
      fc.property(first17, fc.nat(16), fc.integer({ min: 1, max: 9 }), (f, pos, delta) => {
        const digit = (Number(f[pos]) + delta) % 10;
        const changed = f.slice(0, pos) + digit + f.slice(pos + 1);
        // the old check character no longer fits (MOD 11-2 catches every single-digit error)
        expect(validateIdCard(changed + referenceCheck(f), TODAY).valid).toBe(false);
        // with the checksum recomputed it is valid iff region and date still are
        const recomputed = validateIdCard(changed + referenceCheck(changed), TODAY);
        expect(recomputed.reasons.some((r) => r.startsWith('check'))).toBe(false);
      }),
      RUNS,
    );
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => void validateIdCard(s, TODAY)), RUNS);
  });
});
