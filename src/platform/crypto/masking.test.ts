import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mask } from './masking.js';

describe('address mask', () => {
  it.each([
    ['广东省深圳市南山区科技园路1号', '广东省深圳市南山区****'],
    ['北京市朝阳区建国路88号SOHO现代城', '北京市朝阳区****'],
    ['浙江省杭州市西湖区文三路478号', '浙江省杭州市西湖区****'],
    ['新疆维吾尔自治区乌鲁木齐市天山区人民路', '新疆维吾尔自治区乌鲁木齐市天山区****'],
    ['香港特别行政区中西区皇后大道中99号', '香港特别行政区中西区****'],
    ['延边朝鲜族自治州延吉市光明街', '延边朝鲜族自治州延吉市****'],
    ['随便写的地址', '随便****'],
    ['北京市', '北京****'],
    ['A', '****'],
  ])('%s → %s', (address, masked) => {
    expect(mask('address', address)).toBe(masked);
  });

  it('never shows the text after the region part, nor its length', () => {
    fc.assert(
      fc.property(fc.constantFrom('广东省深圳市南山区', '上海市浦东新区', '四川省成都市武侯区'), fc.string({ minLength: 3, maxLength: 40, unit: 'grapheme' }), (region, street) => {
        const masked = mask('address', `${region}${street}号`);
        expect(masked.endsWith('****')).toBe(true);
        expect(masked.length).toBeLessThanOrEqual(region.length + 4);
        expect(masked.includes('号')).toBe(region.includes('号'));
      }),
    );
  });
});
