import { describe, expect, it } from 'vitest';
import { companyMatchKey } from '../identity/index.js';
import { findDuplicates, scoreRecords } from '../identity/index.js';
import { parseName } from './chinese-names.js';
import { CUSTOMER_MATCH_SCHEMA, type CustomerMatchRow, isOrganisationName, toDedupRecord } from './customer-match.js';

const row = (id: number, name: string, more: Partial<CustomerMatchRow> = {}): CustomerMatchRow => ({
  id,
  name,
  company: null,
  region_code: null,
  mobile_bidx: null,
  email_bidx: null,
  ...more,
});
const score = (a: CustomerMatchRow, b: CustomerMatchRow) => scoreRecords(toDedupRecord(a), toDedupRecord(b), CUSTOMER_MATCH_SCHEMA);
const T = CUSTOMER_MATCH_SCHEMA.threshold;

describe('parseName', () => {
  it.each([
    ['张先生', { surname: 'zhang', given: '', title: 'm' }],
    ['张女士', { surname: 'zhang', given: '', title: 'f' }],
    ['王总', { surname: 'wang', given: '', title: '' }],
    ['Mr. Zhang', { surname: 'zhang', given: '', title: 'm' }],
    ['Ms Zhang', { surname: 'zhang', given: '', title: 'f' }],
    ['Mrs. Li', { surname: 'li', given: '', title: 'f' }],
    ['张三', { surname: 'zhang', given: 'san', title: '' }],
    ['Zhang San', { surname: 'zhang', given: 'san', title: '' }],
    ['San Zhang', { surname: 'zhang', given: 'san', title: '' }],
    ['欧阳娜娜', { surname: 'ouyang', given: 'nana', title: '' }],
    ['张曦', { surname: 'zhang', given: '曦', title: '' }],
    ['单田芳', { surname: '单', given: '田芳', title: '' }],
    ['', { surname: '', given: '', title: '' }],
  ])('%s', (name, expected) => {
    expect(parseName(name)).toEqual(expected);
  });
});

describe('customer match schema', () => {
  it.each([
    ['张先生 vs Mr. Zhang, same region', row(1, '张先生', { region_code: '330100' }), row(2, 'Mr. Zhang', { region_code: '330100' }), true],
    ['张女士 vs Ms. Zhang, same region', row(1, '张女士', { region_code: '330100' }), row(2, 'Ms. Zhang', { region_code: '330100' }), true],
    ['张先生 vs Ms. Zhang (title differs)', row(1, '张先生', { region_code: '330100' }), row(2, 'Ms. Zhang', { region_code: '330100' }), false],
    ['张先生 vs Mr. Zhang, other region', row(1, '张先生', { region_code: '330100' }), row(2, 'Mr. Zhang', { region_code: '110100' }), false],
    ['张三 vs Zhang San, same region', row(1, '张三', { region_code: '330100' }), row(2, 'Zhang San', { region_code: '330100' }), true],
    ['张三 vs 李四, same region', row(1, '张三', { region_code: '330100' }), row(2, '李四', { region_code: '330100' }), false],
    ['张鑫 vs 张斌, same region', row(1, '张鑫', { region_code: '510100' }), row(2, '张斌', { region_code: '510100' }), false],
    ['马清 vs 马清雨, same region', row(1, '马清', { region_code: '500100' }), row(2, '马清雨', { region_code: '500100' }), false],
    ['张三 vs 张伟, same region', row(1, '张三', { region_code: '330100' }), row(2, '张伟', { region_code: '330100' }), false],
    ['same mobile, names differ', row(1, '张三', { mobile_bidx: Buffer.from('aa', 'hex') }), row(2, '李四', { mobile_bidx: Buffer.from('aa', 'hex') }), true],
    ['same email', row(1, '张三', { email_bidx: Buffer.from('bb', 'hex') }), row(2, 'Zhang San', { email_bidx: Buffer.from('bb', 'hex') }), true],
    ['company name variants', row(1, '杭州云启科技有限公司'), row(2, '云启科技（杭州）有限公司'), true],
    ['different companies', row(1, '杭州云启科技有限公司'), row(2, '杭州云帆物流有限公司'), false],
    ['colleagues', row(1, '张三', { company: '云启科技', region_code: '330100' }), row(2, '李四', { company: '杭州云启科技有限公司', region_code: '330100' }), false],
    ['same person at same employer', row(1, '张先生', { company: '云启科技', region_code: '330100' }), row(2, 'Mr. Zhang', { company: '杭州云启科技有限公司', region_code: '330100' }), true],
  ])('%s', (_label, a, b, similar) => {
    const s = score(a, b);
    expect(s.score >= T, `${s.score} ${s.reasons.join(',')}`).toBe(similar);
  });

  it('gives the same company key to name variants', () => {
    expect(companyMatchKey('杭州云启科技有限公司')).toBe(companyMatchKey('云启科技（杭州）有限公司'));
    expect(isOrganisationName('云启科技（杭州）有限公司')).toBe(true);
    expect(isOrganisationName('张先生')).toBe(false);
  });

  it('explains a match with reasons and blocks on surname + region', () => {
    const result = findDuplicates([row(1, '张先生', { region_code: '330100' }), row(2, '李四', { region_code: '330100' }), row(3, 'Mr. Zhang', { region_code: '330100' })].map(toDedupRecord), CUSTOMER_MATCH_SCHEMA);
    expect(result.pairs).toHaveLength(1);
    expect(result.pairs[0]).toMatchObject({ a: '1', b: '3', reasons: ['surname:exact', 'title:exact', 'region:exact'] });
  });
});
