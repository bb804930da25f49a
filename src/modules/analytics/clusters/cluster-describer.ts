/**
 * Names a customer cluster in words (Chinese and English) from its centroid and suggests an action.
 * The centroid is read in z-scores (the scaled feature space k-means ran in): above +0.5 is "high",
 * below −0.5 "low". Features play roles — recency (days since the last purchase: high = asleep),
 * frequency, monetary, tenure, engagement, basket (average order value) — guessed from column names
 * or given. The first matching rule names the cluster. Pure.
 *
 * Example: monetary z +1.2 and recency z +0.9 → 高价值沉睡客户 / "high value, asleep", action
 * 专属优惠券唤醒 / "exclusive coupon to win them back".
 */
export const FEATURE_ROLES = ['recency', 'frequency', 'monetary', 'tenure', 'engagement', 'basket'] as const;
export type FeatureRole = (typeof FEATURE_ROLES)[number];
export type FeatureLevel = 'high' | 'average' | 'low';
export type RoleMap = Partial<Record<FeatureRole, string>>;

export interface ClusterDescription {
  nameZh: string;
  nameEn: string;
  actionZh: string;
  actionEn: string;
  /** Features that stand out, e.g. "消费金额高、购买频次低" / "monetary high, frequency low". */
  traitsZh: string;
  traitsEn: string;
}

const LEVEL_CUTOFF = 0.5;

const ROLE_PATTERNS: [FeatureRole, RegExp][] = [
  ['basket', /basket|aov|avg_order|average_order|ticket|客单/],
  ['recency', /recen|days_since|last_purchase|last_order|^r$|最近/],
  ['frequency', /freq|order_count|^orders$|purchases|^f$|频/],
  ['monetary', /monet|amount|spend|revenue|sales|value|^m$|金额/],
  ['tenure', /tenure|since_first|customer_age|年限/],
  ['engagement', /engag|visit|session|login|open|click|互动/],
];

const ROLE_WORDS: Record<FeatureRole, [string, string]> = {
  recency: ['距上次购买天数', 'days since last purchase'],
  frequency: ['购买频次', 'frequency'],
  monetary: ['消费金额', 'monetary'],
  tenure: ['客户年限', 'tenure'],
  engagement: ['互动度', 'engagement'],
  basket: ['客单价', 'basket size'],
};

/** Roles guessed from column names (a leading `log_` is ignored); each role goes to the first matching column. */
export function guessRoles(features: readonly string[]): RoleMap {
  const roles: RoleMap = {};
  for (const feature of features) {
    const name = feature.toLowerCase().replace(/^log_?/, '');
    const match = ROLE_PATTERNS.find(([role, pattern]) => roles[role] === undefined && pattern.test(name));
    if (match !== undefined) roles[match[0]] = feature;
  }
  return roles;
}

export function levelOf(z: number): FeatureLevel {
  return z > LEVEL_CUTOFF ? 'high' : z < -LEVEL_CUTOFF ? 'low' : 'average';
}

interface Rule {
  when: (level: (role: FeatureRole) => FeatureLevel | undefined) => boolean;
  text: [string, string, string, string];
}

const RULES: Rule[] = [
  { when: (l) => l('monetary') === 'high' && l('recency') === 'high', text: ['高价值沉睡客户', 'high value, asleep', '专属优惠券唤醒', 'exclusive coupon to win them back'] },
  { when: (l) => l('monetary') === 'high' && l('frequency') === 'high', text: ['高价值活跃客户', 'high value, active', 'VIP 专属服务与新品优先体验', 'VIP care and early access to new products'] },
  { when: (l) => l('frequency') === 'high' && (l('basket') === 'low' || l('monetary') !== 'high'), text: ['高频低客单客户', 'frequent, low basket', '组合优惠提升客单价', 'bundle offer to lift the basket'] },
  { when: (l) => l('frequency') === 'low' && (l('basket') === 'high' || l('monetary') === 'high'), text: ['低频高客单客户', 'infrequent, big basket', '会员日与新品提醒', 'member-day and new-arrival reminders'] },
  { when: (l) => l('recency') === 'low' && (l('tenure') === 'low' || l('frequency') === 'low'), text: ['新客户', 'new customers', '首购后引导复购', 'second-purchase incentive'] },
  { when: (l) => l('recency') === 'high', text: ['流失低价值客户', 'lapsed, low value', '低成本自动化召回', 'low-cost automated win-back'] },
  { when: (l) => l('engagement') === 'high' && l('monetary') !== 'high', text: ['高互动待转化客户', 'engaged, not yet buying much', '限时优惠促成转化', 'time-limited offer to convert'] },
  { when: (l) => l('monetary') === 'high', text: ['高消费客户', 'big spenders', '会员升级与专属推荐', 'membership upgrade and tailored recommendations'] },
  { when: (l) => l('monetary') === 'low', text: ['低价值客户', 'low value', '低成本内容培育', 'low-cost content nurturing'] },
  { when: (l) => l('recency') === 'low', text: ['活跃普通客户', 'active, average value', '交叉销售推荐', 'cross-sell recommendations'] },
];

const FALLBACK: Rule['text'] = ['普通客户', 'average customers', '常规培育', 'regular nurturing'];

/** Describes one cluster from its centroid in z-scores, keyed by feature name. */
export function describeCluster(zCentroid: Readonly<Record<string, number>>, roles: RoleMap): ClusterDescription {
  const level = (role: FeatureRole) => {
    const feature = roles[role];
    const z = feature === undefined ? undefined : zCentroid[feature];
    return z === undefined ? undefined : levelOf(z);
  };
  const [nameZh, nameEn, actionZh, actionEn] = RULES.find((rule) => rule.when(level))?.text ?? FALLBACK;
  const roleOf = new Map(Object.entries(roles).map(([role, feature]) => [feature, role as FeatureRole]));
  const standouts = Object.entries(zCentroid).filter(([, z]) => levelOf(z) !== 'average');
  const words = standouts.map(([feature, z]) => {
    const role = roleOf.get(feature);
    const [zh, en] = role === undefined ? [feature, feature] : ROLE_WORDS[role];
    return [`${zh}${z > 0 ? '高' : '低'}`, `${en} ${z > 0 ? 'high' : 'low'}`];
  });
  return {
    nameZh,
    nameEn,
    actionZh,
    actionEn,
    traitsZh: words.length === 0 ? '各项接近平均' : words.map((w) => w[0]).join('、'),
    traitsEn: words.length === 0 ? 'close to average on every feature' : words.map((w) => w[1]).join(', '),
  };
}

/** Describes every cluster; clusters that get the same name are numbered (高频低客单客户 2 …). */
export function describeClusters(zCentroids: readonly Readonly<Record<string, number>>[], roles: RoleMap): ClusterDescription[] {
  const descriptions = zCentroids.map((centroid) => describeCluster(centroid, roles));
  const seen = new Map<string, number>();
  return descriptions.map((description) => {
    const count = (seen.get(description.nameEn) ?? 0) + 1;
    seen.set(description.nameEn, count);
    const total = descriptions.filter((other) => other.nameEn === description.nameEn).length;
    if (total === 1) return description;
    return { ...description, nameZh: `${description.nameZh} ${count}`, nameEn: `${description.nameEn} ${count}` };
  });
}
