import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './email-normalizer.js';
import { toFullWidth } from './width-folding.js';

const RUNS = { seed: 86, numRuns: 300 };

describe('normalizeEmail', () => {
  it.each<[string, string | null]>([
    ['Zhang.San@Example.COM', 'zhang.san@example.com'],
    ['  li@qq.com  ', 'li@qq.com'],
    ['ｗａｎｇ＠１６３．ｃｏｍ', 'wang@163.com'],
    ['wang@163。com', 'wang@163.com'],
    ['first+tag@sub.example.com.cn', 'first+tag@sub.example.com.cn'],
    ['a_b-c@mail-server.example.org', 'a_b-c@mail-server.example.org'],
    ['\u3000zhao@example.cn\u3000', 'zhao@example.cn'],
    ['用户@例子.中国', null],
    ['zhao@例子.中国', 'zhao@例子.中国'],
    ['zhang san@example.com', null],
    ['zhang@exa mple.com', null],
    ['zhang\u0000@example.com', null],
    ['zhang@example.com\n\u0007', null],
    ['zhang@localhost', null],
    ['zhang@@example.com', null],
    ['a@b@example.com', null],
    ['@example.com', null],
    ['zhang@', null],
    ['zhang@.com', null],
    ['zhang@example..com', null],
    ['.zhang@example.com', null],
    ['zh..ang@example.com', null],
    ['zhang@-example.com', null],
    ['zhang@example.c', null],
    ['zhang@1.2.3.4', null],
    ['', null],
  ])('%j → %j', (input, value) => {
    const r = normalizeEmail(input);
    expect(r.value).toBe(value);
    expect(r.valid).toBe(value !== null);
    expect(r.reason === null).toBe(value !== null);
  });

  it('is idempotent and invariant under width and case', () => {
    const email = fc.emailAddress();
    fc.assert(
      fc.property(email, (e) => {
        const once = normalizeEmail(e);
        if (once.value === null) return;
        expect(normalizeEmail(once.value)).toEqual(once);
        expect(normalizeEmail(toFullWidth(e.toUpperCase())).value).toBe(once.value);
      }),
      RUNS,
    );
  });

  it('never throws and valid values are lower-case without spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const r = normalizeEmail(s);
        if (r.valid) expect(r.value).toMatch(/^[^\sA-Z]+@[^\s@]+\.[^\s@]+$/);
      }),
      RUNS,
    );
  });
});
