import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizeIdNumber, normalizeMobile } from './customer-normalizers.js';

const RUNS = { seed: 86, numRuns: 200 };

/** Reference ISO 7064 MOD 11-2, written from the definition (weights 2^(17-i) mod 11), not from the code. */
function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

describe('normalizeMobile', () => {
  it.each<[string, string | null]>([
    ['13812345678', '+8613812345678'],
    ['+86 138-1234-5678', '+8613812345678'],
    ['+86 (138) 1234 5678', '+8613812345678'],
    ['008613812345678', '+8613812345678'],
    ['8613812345678', '+8613812345678'],
    ['86 138 1234 5678', '+8613812345678'],
    ['  199 0000 0000 ', '+8619900000000'],
    ['+8613812345678', '+8613812345678'],
    ['+852 9123 4567', '+85291234567'],
    ['+1 (415) 555-0123', '+14155550123'],
    ['+44 20 7946 0958', '+442079460958'],
    // invalid
    ['12812345678', null],
    ['11012345678', null],
    ['1381234567', null],
    ['138123456789', null],
    ['+8612812345678', null],
    ['+86 1381234567', null],
    ['0086 12812345678', null],
    ['+0086 13812345678', null],
    ['010-12345678', null],
    ['+123', null],
    ['+1234567890123456', null],
    ['abc', null],
    ['', null],
    ['138.1234.5678', null],
    ['１３８１２３４５６７８', null],
    ["13812345678'; DROP TABLE customers; --", null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeMobile(input)).toBe(expected);
  });

  it('is idempotent on its own output (property)', () => {
    const mobileLike = fc.tuple(
      fc.constantFrom('', '+86', '0086', '86', '+86 ', '+1', '+852', '+44 ', '+'),
      fc.array(fc.constantFrom('0', '1', '3', '5', '8', '9', ' ', '-', '(', ')'), { minLength: 5, maxLength: 16 }),
    ).map(([prefix, chars]) => prefix + chars.join(''));
    fc.assert(fc.property(fc.oneof(mobileLike, fc.string(), fc.constantFrom('13812345678', '+8613812345678')), (input) => {
      const once = normalizeMobile(input);
      if (once !== null) {
        expect(normalizeMobile(once)).toBe(once);
        expect(once).toMatch(/^\+[1-9]\d{6,14}$/);
      }
    }), RUNS);
  });

  it('every way of writing one Chinese mobile gives the same value (property)', () => {
    fc.assert(fc.property(fc.constantFrom('3', '4', '5', '6', '7', '8', '9'), fc.stringMatching(/^\d{9}$/), fc.constantFrom('', '+86', '0086', '86', '+86 '), fc.constantFrom('', ' ', '-'), (second, rest, prefix, sep) => {
      const national = `1${second}${rest}`;
      const written = `${prefix}${national.slice(0, 3)}${sep}${national.slice(3, 7)}${sep}${national.slice(7)}`;
      expect(normalizeMobile(written)).toBe(`+86${national}`);
    }), RUNS);
  });
});

describe('normalizeEmail', () => {
  it.each<[string, string | null]>([
    ['li.lei@example.com', 'li.lei@example.com'],
    ['  Li.Lei@Example.COM ', 'li.lei@example.com'],
    ['a+tag@sub.example.cn', 'a+tag@sub.example.cn'],
    ['张三@例子.中国', '张三@例子.中国'],
    ['a@b', null],
    ['a@b.c', null],
    ['@b.cn', null],
    ['a@@b.cn', null],
    ['a b@c.cn', null],
    ['a@b .cn', null],
    [`${'x'.repeat(64)}@c.cn`, `${'x'.repeat(64)}@c.cn`],
    [`${'x'.repeat(65)}@c.cn`, null],
    [`a@${'b'.repeat(250)}.cn`, null],
    ['', null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  it('is idempotent and case-insensitive (property)', () => {
    fc.assert(fc.property(fc.emailAddress(), fc.boolean(), (email, upper) => {
      const once = normalizeEmail(upper ? ` ${email.toUpperCase()} ` : email);
      if (once === null) return;
      expect(normalizeEmail(once)).toBe(once);
      expect(once).toBe(once.toLowerCase());
      expect(normalizeEmail(email)).toBe(once);
    }), RUNS);
  });

  // Regression (fixed in ffed9b3): [^\s@] let C0 control characters into the stored e-mail.
  it.each(['li\u0000lei@example.com', 'li\u0001lei@example.com', 'lilei@exam\u007fple.com', 'lilei@example.com\u001b'])('refuses control characters: %j', (email) => {
    expect(normalizeEmail(email)).toBeNull();
  });
});

describe('normalizeIdNumber (居民身份证号, GB 11643 MOD 11-2)', () => {
  // Check characters computed independently (Python, from the definition) and cross-checked with the
  // two examples printed in GB 11643-1999.
  const VALID = [
    '11010519491231002X',
    '440524188001010014',
    '310101199003071230',
    '510108198511114425',
    '330106200002290010',
    '370202197812034310',
    '110101200001010037',
    '110105199001010010',
  ];

  it.each(VALID)('%s is valid', (id) => {
    expect(normalizeIdNumber(id)).toBe(id);
    expect(checkCharacter(id.slice(0, 17))).toBe(id[17]);
  });

  it('upper-cases the check character and trims', () => {
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });

  it.each(VALID)('%s with any other check character is invalid', (id) => {
    for (const c of '0123456789X') if (c !== id[17]) expect(normalizeIdNumber(id.slice(0, 17) + c)).toBeNull();
  });

  it.each([
    '11010519491231002',
    '11010519491231002X0',
    '1101051949123100XX',
    'X10105194912310025',
    '11010519491231002Y',
    '110105 19491231002X',
    '',
    '１１０１０５１９４９１２３１００２Ｘ',
  ])('%j is invalid', (id) => {
    expect(normalizeIdNumber(id)).toBeNull();
  });

  it('agrees with the reference check for any 17 digits: exactly one of 11 characters is valid (property)', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{17}$/), (first17) => {
      const valid = [...'0123456789X'].filter((c) => normalizeIdNumber(first17 + c) !== null);
      expect(valid).toEqual([checkCharacter(first17)]);
    }), RUNS);
  });

  it('detects every single-digit substitution (property)', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{17}$/), fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (first17, at, delta) => {
      const id = first17 + checkCharacter(first17);
      const changed = id.slice(0, at) + String((Number(id[at]) + delta) % 10) + id.slice(at + 1);
      expect(normalizeIdNumber(changed)).toBeNull();
    }), RUNS);
  });
});
