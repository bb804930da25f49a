import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildQualityReport } from './quality-report.js';
import { type CustomerValues, customerQualityFlags, QUALITY_FIELDS } from './quality-rules.js';

const EMPTY: CustomerValues = { name: '王五', mobile: null, email: null, idNumber: null, address: null, regionCode: null, creditCode: null };
const TODAY = '2026-06-01';

describe('customerQualityFlags', () => {
  it.each<[Partial<CustomerValues>, string[]]>([
    [{}, []],
    [{ name: '测试' }, ['name:invalid:placeholder']],
    [{ name: 'N/A' }, ['name:invalid:placeholder']],
    [{ name: '12345' }, ['name:invalid:placeholder']],
    [{ name: '张三13812345678' }, ['name:suspicious:contains_number']],
    [{ mobile: '+8613812345678' }, []],
    [{ mobile: '+8614012345678' }, ['mobile:suspicious:']],
    [{ mobile: '12345' }, ['mobile:invalid:format']],
    [{ mobile: '+14155550100' }, []],
    [{ email: 'a@b.cn' }, []],
    [{ email: 'bad@@example' }, ['email:invalid:']],
    [{ idNumber: '11010519491231002X' }, []],
    [{ idNumber: '110105194912310021' }, ['idNumber:invalid:failed_check']],
    [{ creditCode: '91350100M000100Y43' }, []],
    [{ creditCode: '91350100M000100Y44' }, ['creditCode:invalid:']],
    [{ regionCode: '440305' }, []],
    [{ regionCode: '999999' }, ['region:invalid:unknown_code']],
    [{ address: '广东省深圳市南山区科技园' }, []],
    [{ address: '广东省深圳市南山区科技园', regionCode: '440300' }, []],
    [{ address: '北京市朝阳区', regionCode: '110000' }, []],
    [{ address: '重庆市城口县葛城街道', regionCode: '500100' }, []],
    [{ address: '杭州市西湖区文三路', regionCode: '440300' }, ['address:suspicious:region_mismatch']],
    [{ address: '广东省杭州市西湖区' }, ['address:suspicious:conflict']],
    [{ address: '随便写的' }, ['address:invalid:no_division']],
    [{ address: '鼓楼区中山路' }, ['address:invalid:ambiguous']],
    [{ address: '   ' }, []],
  ])('%j → %j', (values, expected) => {
    const flags = customerQualityFlags({ ...EMPTY, ...values }, TODAY).map((f) => `${f.field}:${f.issue}:${f.reason}`);
    expect(flags).toHaveLength(expected.length);
    for (const [i, prefix] of expected.entries()) expect(flags[i]!.startsWith(prefix)).toBe(true);
  });
});

describe('buildQualityReport', () => {
  it('shares stay within 0…1 and never divide by zero', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1000), fc.nat(1000), (total, a, b, c) => {
        const filled = Math.min(a, total);
        const counts = { total, filled: Object.fromEntries(QUALITY_FIELDS.map((f) => [f, filled])) as Record<(typeof QUALITY_FIELDS)[number], number> };
        const issues = [{ field: 'mobile' as const, issue: 'invalid' as const, n: Math.min(b, filled), examples: [] }];
        const duplicates = [{ field: 'mobile' as const, n: Math.min(c, filled), examples: [] }];
        const report = buildQualityReport(QUALITY_FIELDS, counts, issues, duplicates, null);
        for (const f of report.fields) {
          for (const s of [f.filledShare, f.invalidShare, f.duplicateShare ?? 0]) expect(s >= 0 && s <= 1).toBe(true);
        }
        expect(report.fields.find((f) => f.field === 'email')!.duplicate).toBeNull();
      }),
      { seed: 15, numRuns: 200 },
    );
  });
});
