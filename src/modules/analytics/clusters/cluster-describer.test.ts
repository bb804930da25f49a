import { describe, expect, it } from 'vitest';
import { describeCluster, describeClusters, guessRoles, levelOf } from './cluster-describer.js';

const ROLES = { recency: 'r', frequency: 'f', monetary: 'm', tenure: 't', engagement: 'e', basket: 'aov' };

describe('describeCluster (table)', () => {
  const cases: { centroid: Record<string, number>; nameZh: string; nameEn: string; actionZh: string }[] = [
    { centroid: { r: 1.1, f: 0, m: 1.4 }, nameZh: '高价值沉睡客户', nameEn: 'high value, asleep', actionZh: '专属优惠券唤醒' },
    { centroid: { r: -0.9, f: 1.2, m: 0.8 }, nameZh: '高价值活跃客户', nameEn: 'high value, active', actionZh: 'VIP 专属服务与新品优先体验' },
    { centroid: { r: -0.2, f: 1.5, m: 0.1, aov: -1 }, nameZh: '高频低客单客户', nameEn: 'frequent, low basket', actionZh: '组合优惠提升客单价' },
    { centroid: { r: 0, f: -0.8, m: 0.2, aov: 1.3 }, nameZh: '低频高客单客户', nameEn: 'infrequent, big basket', actionZh: '会员日与新品提醒' },
    { centroid: { r: -1.2, f: -1, m: -0.8, t: -1.5 }, nameZh: '新客户', nameEn: 'new customers', actionZh: '首购后引导复购' },
    { centroid: { r: 1.4, f: -1.1, m: -1.5 }, nameZh: '流失低价值客户', nameEn: 'lapsed, low value', actionZh: '低成本自动化召回' },
    { centroid: { r: 0.1, f: 0, m: -0.3, e: 1.6 }, nameZh: '高互动待转化客户', nameEn: 'engaged, not yet buying much', actionZh: '限时优惠促成转化' },
    { centroid: { r: 0.3, f: -0.4, m: 0.7 }, nameZh: '高消费客户', nameEn: 'big spenders', actionZh: '会员升级与专属推荐' },
    { centroid: { r: 0, f: -0.2, m: -0.6 }, nameZh: '低价值客户', nameEn: 'low value', actionZh: '低成本内容培育' },
    { centroid: { r: -0.7, f: 0.1, m: 0.2 }, nameZh: '活跃普通客户', nameEn: 'active, average value', actionZh: '交叉销售推荐' },
    { centroid: { r: 0.1, f: 0.2, m: -0.1 }, nameZh: '普通客户', nameEn: 'average customers', actionZh: '常规培育' },
  ];
  for (const c of cases) {
    it(`${c.nameEn}: ${JSON.stringify(c.centroid)}`, () => {
      const description = describeCluster(c.centroid, ROLES);
      expect([description.nameZh, description.nameEn, description.actionZh]).toEqual([c.nameZh, c.nameEn, c.actionZh]);
    });
  }

  it('lists the features that stand out, with role words, in both languages', () => {
    const description = describeCluster({ r: 1.1, f: 0, m: 1.4, online_share: -0.7 }, ROLES);
    expect(description.traitsZh).toBe('距上次购买天数高、消费金额高、online_share低');
    expect(description.traitsEn).toBe('days since last purchase high, monetary high, online_share low');
    expect(describeCluster({ r: 0, m: 0.2 }, ROLES).traitsEn).toBe('close to average on every feature');
  });

  it('without roles, only the fallback applies', () => {
    expect(describeCluster({ x: 3, y: -3 }, {}).nameEn).toBe('average customers');
  });
});

describe('describeClusters', () => {
  it('numbers clusters that get the same name', () => {
    const names = describeClusters([{ m: 1, r: 1 }, { m: 0, r: 0 }, { m: 0.1, r: 0 }], { monetary: 'm', recency: 'r' }).map((d) => d.nameZh);
    expect(names).toEqual(['高价值沉睡客户', '普通客户 1', '普通客户 2']);
  });
});

describe('guessRoles and levelOf', () => {
  it('guesses roles from usual column names', () => {
    expect(guessRoles(['log_recency', 'frequency', 'monetary', 'tenure_days', 'sessions_30d', 'avg_order_value', 'online_share'])).toEqual({
      recency: 'log_recency',
      frequency: 'frequency',
      monetary: 'monetary',
      tenure: 'tenure_days',
      engagement: 'sessions_30d',
      basket: 'avg_order_value',
    });
    expect(guessRoles(['R', 'F', 'M'])).toEqual({ recency: 'R', frequency: 'F', monetary: 'M' });
  });
  it('levels cut at ±0.5 z', () => {
    expect([levelOf(0.51), levelOf(0.5), levelOf(-0.5), levelOf(-0.51)]).toEqual(['high', 'average', 'average', 'low']);
  });
});
