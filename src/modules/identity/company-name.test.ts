import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { companyMatchKey, LEGAL_SUFFIXES_LATIN, LEGAL_SUFFIXES_ZH } from './company-name.js';
import { toFullWidth } from './width-folding.js';

const RUNS = { seed: 86, numRuns: 300 };

describe('companyMatchKey', () => {
  it.each<[string, string]>([
    ['杭州云启科技有限公司', '云启科技'],
    ['杭州雲啟科技有限公司', '云启科技'],
    ['杭州云启科技 有限责任公司', '云启科技'],
    ['云启科技（杭州）有限公司', '云启科技'],
    ['云启科技(杭州市)有限公司', '云启科技'],
    ['杭州市云启科技股份有限公司', '云启科技'],
    ['ＨＡＮＧＺＨＯＵ　云启科技有限公司', 'hangzhou云启科技'],
    ['Hangzhou Yunqi Technology Co., Ltd.', 'hangzhouyunqitechnology'],
    ['HANGZHOU YUNQI TECHNOLOGY CO.,LTD', 'hangzhouyunqitechnology'],
    ['Ｈａｎｇｚｈｏｕ Ｙｕｎｑｉ Ｔｅｃｈｎｏｌｏｇｙ Ｃｏ．，Ｌｔｄ．', 'hangzhouyunqitechnology'],
    ['Acme Inc.', 'acme'],
    ['Acme, LLC', 'acme'],
    ['Acme Corporation', 'acme'],
    ['Costco', 'costco'],
    ['某某集团有限公司', '某某集团'],
    ['某某集團有限公司', '某某集团'],
    ['微软（中国）有限公司', '微软'],
    ['华为技术（深圳）有限公司', '华为技术'],
    ['杭州银行股份有限公司', '杭州银行'],
    ['上海电气', '上海电气'],
    ['华润（集团）有限公司', '华润集团'],
    ['【广州】国际贸易有限公司', '国际贸易'],
    ['廣州國際貿易有限公司', '国际贸易'],
    ['XX投资合伙企业（有限合伙）', 'xx投资'],
    ['有限公司', ''],
    ['', ''],
  ])('%j → %j', (input, key) => {
    expect(companyMatchKey(input)).toBe(key);
  });

  const core = fc
    .array(fc.constantFrom('云', '启', '科', '技', '杭', '州', '华', '國', '際', '贸', 'a', 'b', 'z', '1', ' ', '-'), {
      minLength: 1,
      maxLength: 12,
    })
    .map((a) => a.join(''))
    .filter((c) => /[^\s-]/.test(c)); // a name has some content besides separators
  const suffix = fc.oneof(
    fc.constantFrom(...LEGAL_SUFFIXES_ZH),
    fc.constantFrom(...LEGAL_SUFFIXES_LATIN).map((w) => ` ${w.toUpperCase()}.`),
    fc.constantFrom(' Co., Ltd.', '有限責任公司', '（杭州）有限公司', ' company limited'),
  );

  it('is invariant under width folding', () => {
    fc.assert(
      fc.property(core, suffix, (c, s) => {
        expect(companyMatchKey(toFullWidth(c + s))).toBe(companyMatchKey(c + s));
      }),
      RUNS,
    );
  });

  it('is invariant under adding or removing a legal suffix', () => {
    fc.assert(
      fc.property(core, suffix, (c, s) => {
        expect(companyMatchKey(c + s)).toBe(companyMatchKey(c));
      }),
      RUNS,
    );
  });

  it('never throws and keys hold no spaces or punctuation', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(companyMatchKey(s)).not.toMatch(/[\p{P}\p{S}\s]/u);
      }),
      RUNS,
    );
  });
});
