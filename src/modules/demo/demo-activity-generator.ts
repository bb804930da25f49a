import { CHINA_CITIES } from '../organization/index.js';
import { type DemoCustomer, type DemoWorld, STREAM } from './demo-customer-generator.js';
import { ParetoCount, Random, WeightedTable } from './demo-random.js';
import { EVENT_KINDS, MALLS, ORDER_CHANNELS, PRODUCT_CATEGORIES, SEARCH_KEYWORDS } from './demo-vocabulary.js';

export interface DemoOrder {
  customerId: number;
  id: number;
  orderNo: string;
  /** 元 with exactly 2 decimals, e.g. '168.00'. */
  amount: string;
  channel: string;
  store: string | null;
  status: 'paid' | 'refunded' | 'cancelled';
  orderedAt: Date;
}

export interface DemoEvent {
  customerId: number;
  id: number;
  type: 'track' | 'page';
  name: string;
  properties: Record<string, string | number>;
  occurredAt: Date;
}

/** Per-customer counts, calibrated once per load: mean ≈ the requested average, heavy tail. */
export interface ActivityPlan {
  orders: ParetoCount;
  events: ParetoCount;
}

export function activityPlan(ordersPerCustomer: number, eventsPerCustomer: number): ActivityPlan {
  return { orders: new ParetoCount(ordersPerCustomer), events: new ParetoCount(eventsPerCustomer) };
}

const CHANNELS = new WeightedTable(ORDER_CHANNELS);
const STATUSES = new WeightedTable<DemoOrder['status']>([['paid', 90], ['refunded', 7], ['cancelled', 3]]);
const EVENTS = new WeightedTable(EVENT_KINDS);
const CITY_NAMES = new Map(CHINA_CITIES.map((c) => [c[0], c[1].replace(/市$/, '')]));

/**
 * The orders of one customer, ids from `firstId` upwards, in time order, each strictly after the
 * customer was created and before the world's end. Amounts are log-normal (median ≈ 168 元 for
 * people, ≈ 3,000 元 for companies). Pure.
 */
export function generateOrders(world: DemoWorld, plan: ActivityPlan, customer: DemoCustomer, firstId: number): DemoOrder[] {
  const rng = new Random(world.seed, STREAM.orders, customer.id);
  const count = plan.orders.draw(rng);
  const times = spreadAfter(rng, count, customer.createdAt, world.endAt);
  const [mu, sigma] = customer.kind === 'company' ? [Math.log(3000), 1.1] : [Math.log(168), 0.9];
  const city = CITY_NAMES.get(customer.regionCode) ?? '杭州';
  return times.map((orderedAt, i) => {
    const id = firstId + i;
    const channel = CHANNELS.pick(rng);
    return {
      customerId: customer.id,
      id,
      orderNo: `RL${ymd(orderedAt)}${String(id).padStart(10, '0')}`,
      amount: money(rng, mu, sigma),
      channel,
      store: channel === '门店' ? `${city}${rng.pick(MALLS)}店` : null,
      status: STATUSES.pick(rng),
      orderedAt,
    };
  });
}

/** The tracked behaviour of one customer (Segment track/page events with small properties). Pure. */
export function generateEvents(world: DemoWorld, plan: ActivityPlan, customer: DemoCustomer, firstId: number): DemoEvent[] {
  const rng = new Random(world.seed, STREAM.events, customer.id);
  const count = plan.events.draw(rng);
  const times = spreadAfter(rng, count, customer.createdAt, world.endAt);
  return times.map((occurredAt, i) => {
    const [type, name] = EVENTS.pick(rng) as readonly ['track' | 'page', string];
    return { customerId: customer.id, id: firstId + i, type, name, properties: eventProperties(rng, name), occurredAt };
  });
}

function eventProperties(rng: Random, name: string): Record<string, string | number> {
  switch (name) {
    case '浏览商品':
    case '商品详情页':
      return { productId: productId(rng), category: rng.pick(PRODUCT_CATEGORIES), price: price(rng), path: name === '商品详情页' ? '/product' : '/app/product' };
    case '加入购物车':
      return { productId: productId(rng), category: rng.pick(PRODUCT_CATEGORIES), price: price(rng), quantity: rng.int(1, 3) };
    case '领取优惠券':
      return { couponId: `C${rng.digits(6)}`, amount: rng.pick([5, 10, 20, 50, 100]) };
    case '登录':
      return { method: rng.pick(['wechat', 'sms', 'password']) };
    case '搜索':
      return { keyword: rng.pick(SEARCH_KEYWORDS) };
    case '分享':
      return { channel: rng.pick(['wechat', 'moments', 'weibo']) };
    case '活动页':
      return { path: rng.pick(['/campaign/618', '/campaign/double11', '/campaign/new-year']), utm_source: rng.pick(['wechat', 'douyin', 'baidu', 'sms']) };
    default:
      return { path: '/', referrer: rng.pick(['https://www.baidu.com/', 'https://weixin.qq.com/', '']) };
  }
}

const productId = (rng: Random) => `P${rng.int(100_000, 199_999)}`;
const price = (rng: Random) => Number(money(rng, Math.log(129), 0.8));

/** `count` sorted instants in (after, end], each at least one second after `after`. */
function spreadAfter(rng: Random, count: number, after: Date, end: Date): Date[] {
  const from = after.getTime() + 1000;
  const span = Math.max(0, end.getTime() - from);
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(from + Math.floor((rng.next() * span) / 1000) * 1000);
  times.sort((a, b) => a - b);
  return times.map((t) => new Date(t));
}

/** Log-normal money in 元, at least 0.01, as a string with 2 decimals; 40% are whole 元. */
function money(rng: Random, mu: number, sigma: number): string {
  let cents = Math.max(1, Math.round(Math.exp(mu + sigma * rng.normal()) * 100));
  if (cents >= 100 && rng.chance(0.4)) cents = Math.round(cents / 100) * 100;
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** 20231210: arithmetic, not toISOString (this runs 10M times in a large load). */
function ymd(date: Date): string {
  return String(date.getUTCFullYear() * 10_000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate());
}
