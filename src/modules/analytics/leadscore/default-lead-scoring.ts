import type { LeadScoringConfig } from './lead-scoring-config.js';

/**
 * The default rule-based lead scoring (DOMAIN.md §3): 12 dimensions, 110 points at most, grades
 * A ≥ 70, B ≥ 50, C ≥ 30, D below; A means priority follow-up. Lead fields: employees, industry,
 * region, source, jobTitle, pagesViewed, pageDwellSeconds, whitepaperDownloaded, webinarAttended,
 * emailOpens, emailClicks, previousOrders, daysSinceLastActivity (computed by the caller from its clock).
 * Industries and regions are an example ideal-customer profile; tenants change them.
 */
export const DEFAULT_LEAD_SCORING: LeadScoringConfig = {
  version: 1,
  thresholds: { A: 70, B: 50, C: 30 },
  dimensions: [
    {
      key: 'companySize',
      labelZh: '公司规模',
      labelEn: 'Company size',
      rule: { kind: 'range', field: 'employees', buckets: [{ max: 20, points: 2 }, { min: 20, max: 100, points: 5 }, { min: 100, max: 500, points: 8 }, { min: 500, max: 2000, points: 10 }, { min: 2000, points: 12 }] },
    },
    {
      key: 'industryMatch',
      labelZh: '行业匹配',
      labelEn: 'Industry match',
      rule: { kind: 'match', field: 'industry', values: { 制造业: 10, manufacturing: 10, 零售: 10, retail: 10, 电商: 10, 'e-commerce': 10, 软件: 8, software: 8 }, otherwise: 0 },
    },
    {
      key: 'region',
      labelZh: '地区',
      labelEn: 'Region',
      rule: { kind: 'match', field: 'region', values: { 北京: 8, beijing: 8, 上海: 8, shanghai: 8, 广东: 8, guangdong: 8, 浙江: 6, zhejiang: 6, 江苏: 6, jiangsu: 6 }, otherwise: 3 },
    },
    {
      key: 'source',
      labelZh: '线索来源',
      labelEn: 'Lead source',
      rule: { kind: 'match', field: 'source', values: { 转介绍: 10, referral: 10, 官网: 8, website: 8, 展会: 8, exhibition: 8, 搜索: 6, search: 6, 广告: 4, ad: 4, 购买名单: 1, purchased_list: 1 }, otherwise: 3 },
    },
    {
      key: 'jobSeniority',
      labelZh: '职位级别',
      labelEn: 'Job title seniority',
      rule: {
        kind: 'keywords',
        field: 'jobTitle',
        // Vice presidents first: "副总经理" and "Vice President" contain the C-level words.
        groups: [
          { keywords: ['副总', 'VP', 'vice president', '总监', 'director', 'head', 'CTO', 'CIO', 'CFO', 'COO', 'CMO'], points: 10 },
          { keywords: ['CEO', '总裁', '总经理', '董事', 'founder', '创始人', 'owner', 'president', '老板'], points: 12 },
          { keywords: ['经理', 'manager', '主管', 'lead'], points: 6 },
          { keywords: ['专员', '工程师', 'specialist', 'engineer', 'analyst', '助理', 'assistant'], points: 3 },
        ],
        otherwise: 1,
      },
    },
    {
      key: 'pagesViewed',
      labelZh: '浏览页面数',
      labelEn: 'Pages viewed',
      rule: { kind: 'range', field: 'pagesViewed', buckets: [{ max: 1, points: 0 }, { min: 1, max: 3, points: 2 }, { min: 3, max: 6, points: 4 }, { min: 6, max: 11, points: 6 }, { min: 11, points: 8 }] },
    },
    {
      key: 'pageDwell',
      labelZh: '页面停留时长',
      labelEn: 'Time on pages',
      rule: { kind: 'range', field: 'pageDwellSeconds', buckets: [{ max: 30, points: 0 }, { min: 30, max: 120, points: 2 }, { min: 120, max: 300, points: 4 }, { min: 300, max: 600, points: 6 }, { min: 600, points: 8 }] },
    },
    { key: 'whitepaper', labelZh: '下载白皮书', labelEn: 'Whitepaper download', rule: { kind: 'flag', field: 'whitepaperDownloaded', points: 6 } },
    { key: 'webinar', labelZh: '参加直播/研讨会', labelEn: 'Webinar attended', rule: { kind: 'flag', field: 'webinarAttended', points: 8 } },
    {
      key: 'emailEngagement',
      labelZh: '邮件互动（打开 + 3×点击）',
      labelEn: 'Email engagement (opens + 3 × clicks)',
      rule: { kind: 'weighted-range', weights: { emailOpens: 1, emailClicks: 3 }, buckets: [{ max: 1, points: 0 }, { min: 1, max: 3, points: 2 }, { min: 3, max: 6, points: 4 }, { min: 6, max: 11, points: 6 }, { min: 11, points: 8 }] },
    },
    {
      key: 'purchaseHistory',
      labelZh: '历史购买',
      labelEn: 'Purchase history',
      rule: { kind: 'range', field: 'previousOrders', buckets: [{ max: 1, points: 0 }, { min: 1, max: 2, points: 6 }, { min: 2, max: 5, points: 8 }, { min: 5, points: 10 }] },
    },
    {
      key: 'recency',
      labelZh: '最近活跃',
      labelEn: 'Recency of last activity',
      rule: { kind: 'range', field: 'daysSinceLastActivity', buckets: [{ max: 8, points: 10 }, { min: 8, max: 31, points: 6 }, { min: 31, max: 91, points: 3 }, { min: 91, points: 0 }] },
    },
  ],
};
