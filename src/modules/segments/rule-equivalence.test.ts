import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { loadFieldDefinitions } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
import { compileRule, type ReferencedSegment } from './rule-compiler.js';
import { type CustomerFacts, evaluateRule } from './rule-evaluator.js';
import { systemCompiler } from './segment-refresh.js';
import type { RuleNode, SegmentRule } from './segment-rule.js';

const NOW = new Date('2026-06-01T08:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const STATIC_ID = 1;
const DYNAMIC_ID = 2;

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const days = fc.constantFrom(0.5, 3, 10, 29.9, 31, 89, 100, 400, -1);

const customerArb = fc.record({
  level: maybe(fc.constantFrom('A', 'B', 'C')),
  name: fc.constantFrom('Alpha', 'beta', 'Gamma co', 'alphabet'),
  birthday: maybe(fc.constantFrom('1980-01-01', '1990-06-15', '2000-12-31')),
  budget: maybe(fc.constantFrom(0, 100, 250.5, 1000)),
  identifiers: fc.subarray(['email', 'userId']),
  tags: fc.subarray(['vip', 'churn', 'new']),
  scores: maybe(fc.record({ rfm_segment: maybe(fc.constantFrom('champions', 'lost')), cluster_id: maybe(fc.constantFrom(1, 2)), clv_value_12m: maybe(fc.constantFrom(50, 500)) })),
  traits: maybe(fc.record({ order_count: fc.constantFrom(0, 3), last_seen_at: maybe(days.map(ago)) })),
  events: fc.array(fc.record({ name: fc.constantFrom('Viewed Product', 'Added to Cart'), type: fc.constantFrom('track', 'page'), at: days.map(ago) }), { maxLength: 5 }),
  orders: fc.array(
    fc.record({
      status: fc.constantFrom('paid', 'paid', 'refunded', 'pending'),
      cents: fc.constantFrom(1000, 5050, 100000),
      refundShare: fc.constantFrom(0, 0, 0.5, 1),
      at: days.map(ago),
      lines: fc.array(fc.record({ sku: fc.constantFrom('SKU1', 'SKU2'), category: maybe(fc.constantFrom('coffee', 'tea')) }), { minLength: 1, maxLength: 2 }),
    }),
    { maxLength: 4 },
  ),
  inStatic: fc.boolean(),
  candidate: fc.boolean(),
});
type GeneratedCustomer = typeof customerArb extends fc.Arbitrary<infer T> ? T : never;

const within = fc.option(fc.constantFrom(7, 30, 90, 365), { nil: undefined });
const leafArb: fc.Arbitrary<RuleNode> = fc.oneof(
  fc.record({ field: fc.constant('level'), op: fc.constantFrom('eq', 'ne'), value: fc.constantFrom('A', 'B') }),
  fc.record({ field: fc.constant('level'), op: fc.constantFrom('in', 'nin'), value: fc.subarray(['A', 'B', 'C'], { minLength: 1 }) }),
  fc.record({ field: fc.constantFrom('level', 'birthday', 'cf_budget'), op: fc.constantFrom('isEmpty', 'isNotEmpty') }),
  fc.record({ field: fc.constant('name'), op: fc.constantFrom('contains', 'startsWith', 'eq'), value: fc.constantFrom('alpha', 'Alpha', 'co', 'beta') }),
  fc.record({ field: fc.constant('cf_budget'), op: fc.constantFrom('gt', 'gte', 'lt', 'lte', 'eq', 'ne'), value: fc.constantFrom(0, 100, 250.5) }),
  fc.record({ field: fc.constant('cf_budget'), op: fc.constant('between'), value: fc.constantFrom([0, 100], [100, 1000]) }),
  fc.record({ field: fc.constant('birthday'), op: fc.constantFrom('gt', 'lte'), value: fc.constantFrom('1990-06-15', '1985-01-01') }),
  fc.record({ identifier: fc.constantFrom('email', 'userId', 'mobile'), op: fc.constantFrom('exists', 'notExists') }),
  fc.record({ tag: fc.constantFrom('vip', 'churn', 'new', 'none') }),
  fc.record({ score: fc.constant('rfm_segment'), op: fc.constantFrom('eq', 'ne'), value: fc.constantFrom('champions', 'lost') }),
  fc.record({ score: fc.constantFrom('rfm_segment', 'cluster', 'clv_value_12m'), op: fc.constantFrom('isEmpty', 'isNotEmpty') }),
  fc.record({ score: fc.constant('cluster'), op: fc.constantFrom('in', 'nin'), value: fc.constantFrom([1], [1, 2]) }),
  fc.record({ score: fc.constant('clv_value_12m'), op: fc.constantFrom('gte', 'lt', 'eq'), value: fc.constantFrom(50, 100, 500) }),
  fc.record({ trait: fc.constant('order_count'), op: fc.constantFrom('gte', 'eq', 'ne'), value: fc.constantFrom(0, 3) }),
  fc.record({ trait: fc.constant('last_seen_at'), op: fc.constantFrom('withinDays', 'notWithinDays'), value: fc.constantFrom(7, 30) }),
  fc.record({ trait: fc.constant('last_seen_at'), op: fc.constantFrom('gt', 'lt'), value: fc.constant(ago(20).toISOString()) }),
  fc.record({ event: fc.constantFrom('Viewed Product', 'Added to Cart'), atLeast: fc.integer({ min: 1, max: 3 }), withinDays: within }, { requiredKeys: ['event', 'atLeast'] }),
  fc.record({ event: fc.constant('Viewed Product'), type: fc.constantFrom('track', 'page'), atLeast: fc.constant(1) }),
  fc
    .record({ measure: fc.constantFrom('count', 'sum', 'avg'), op: fc.constantFrom('eq', 'ne', 'gt', 'gte', 'lt', 'lte'), value: fc.constantFrom(0, 1, 2, 10, 50.5, 1000), withinDays: within }, { requiredKeys: ['measure', 'op', 'value'] })
    .map((orders) => ({ orders }) as RuleNode),
  fc.record({ measure: fc.constantFrom('count', 'sum'), op: fc.constant('between'), value: fc.constantFrom([0, 1], [10, 1000]) }).map((orders) => ({ orders }) as RuleNode),
  fc.oneof(fc.record({ sku: fc.constantFrom('SKU1', 'SKU2') }), fc.record({ category: fc.constantFrom('coffee', 'tea') })).chain((what) => within.map((w) => ({ bought: { ...what, ...(w ? { withinDays: w } : {}) } }) as RuleNode)),
  fc.constantFrom<RuleNode>({ segment: STATIC_ID }, { segment: DYNAMIC_ID }),
) as fc.Arbitrary<RuleNode>;

const { node: ruleArb } = fc.letrec<{ node: RuleNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((and) => ({ and })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((or) => ({ or })),
    tie('node').map((not) => ({ not })),
  ),
}));
const plainLeafArb = leafArb.filter((n) => !('segment' in n));
const dynamicRuleArb = fc.oneof(plainLeafArb, fc.array(plainLeafArb, { minLength: 1, maxLength: 2 }).map((or) => ({ or })));

describe('compiled SQL selects exactly what the evaluator selects', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    const res = await t.app.inject({ method: 'POST', url: '/api/admin/custom-fields', headers: t.adminHeaders, payload: { object: 'customer', key: 'budget', labelZh: '预算', labelEn: 'Budget', type: 'money' } });
    expect(res.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  async function load(customers: GeneratedCustomer[], dynamicRule: RuleNode): Promise<CustomerFacts[]> {
    await t.db.query('TRUNCATE customers, customer_identifiers, customer_tags, customer_scores, customer_traits, events, orders, order_lines, segments, segment_members');
    const budget = (await loadFieldDefinitions(t.db, customerObject)).find((f) => f.key === 'cf_budget')!.column;
    const facts: CustomerFacts[] = [];
    for (const [i, c] of customers.entries()) {
      const id = i + 1;
      await t.db.query(`INSERT INTO customers (id, name, level, birthday, ${budget}, owner_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 1, $6, $6)`, [id, c.name, c.level, c.birthday, c.budget, NOW]);
      for (const type of c.identifiers) {
        await t.db.query('INSERT INTO customer_identifiers (customer_id, type, value_hash, created_at) VALUES ($1, $2, $3, $4)', [id, type, Buffer.from(`${type}:${id}`), NOW]);
      }
      for (const tag of c.tags) await t.db.query('INSERT INTO customer_tags (customer_id, tag, created_at) VALUES ($1, $2, $3)', [id, tag, NOW]);
      if (c.scores) await t.db.query('INSERT INTO customer_scores (customer_id, rfm_segment, cluster_id, clv_value_12m) VALUES ($1, $2, $3, $4)', [id, c.scores.rfm_segment, c.scores.cluster_id, c.scores.clv_value_12m]);
      if (c.traits) await t.db.query('INSERT INTO customer_traits (customer_id, order_count, last_seen_at, computed_at) VALUES ($1, $2, $3, $4)', [id, c.traits.order_count, c.traits.last_seen_at, NOW]);
      for (const e of c.events) await t.db.query('INSERT INTO events (customer_id, type, name, occurred_at) VALUES ($1, $2, $3, $4)', [id, e.type, e.name, e.at]);
      const orders = c.orders.map((o, n) => ({ ...o, amount: (o.cents / 100).toFixed(2), refunded: (Math.round(o.cents * o.refundShare) / 100).toFixed(2), orderId: id * 100 + n }));
      for (const o of orders) {
        await t.db.query(`INSERT INTO orders (customer_id, id, order_no, amount, refunded_amount, channel, status, ordered_at, created_at) VALUES ($1, $2, $3, $4, $5, 'web', $6, $7, $7)`, [id, o.orderId, `N${o.orderId}`, o.amount, o.refunded, o.status, o.at]);
        for (const [l, line] of o.lines.entries()) {
          await t.db.query(`INSERT INTO order_lines (customer_id, order_id, line_no, sku, product_name, category, quantity, unit_price, amount) VALUES ($1, $2, $3, $4, 'p', $5, 1, 1, 1)`, [id, o.orderId, l + 1, line.sku, line.category]);
        }
      }
      if (c.inStatic) await t.db.query('INSERT INTO segment_members (segment_id, customer_id, entered_at) VALUES ($1, $2, $3)', [STATIC_ID, id, NOW]);
      facts.push({
        id,
        fields: { level: c.level, name: c.name, birthday: c.birthday, cf_budget: c.budget },
        identifiers: c.identifiers,
        tags: c.tags,
        scores: c.scores,
        traits: c.traits,
        events: c.events.map((e) => ({ type: e.type, name: e.name, occurredAt: e.at })),
        orders: orders.map((o) => ({ status: o.status, amount: o.amount, refundedAmount: o.refunded, orderedAt: o.at, lines: o.lines })),
      });
    }
    await t.db.query(
      `INSERT INTO segments (id, name, kind, rule, owner_id, created_by, updated_by, created_at, updated_at) VALUES
       ($1, 'static', 'static', '{"version":1,"rule":{"tag":"vip"}}', 1, 1, 1, $3, $3), ($2, 'dynamic', 'dynamic', $4, 1, 1, 1, $3, $3)`,
      [STATIC_ID, DYNAMIC_ID, NOW, JSON.stringify({ version: 1, rule: dynamicRule })],
    );
    return facts;
  }

  it('on random customers, events, orders, tags, scores, traits and segments (with and without candidates)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(customerArb, { minLength: 1, maxLength: 12 }), dynamicRuleArb, fc.array(ruleArb, { minLength: 1, maxLength: 8 }), async (customers, dynamicRule, rules) => {
        const facts = await load(customers, dynamicRule);
        const fields = await loadFieldDefinitions(t.db, customerObject);
        const segments = new Map<number, ReferencedSegment & { members?: Set<number> }>([
          [STATIC_ID, { kind: 'static', rule: { version: 1, rule: { tag: 'vip' } }, members: new Set(facts.filter((_, i) => customers[i]!.inStatic).map((f) => f.id)) }],
          [DYNAMIC_ID, { kind: 'dynamic', rule: { version: 1, rule: dynamicRule } }],
        ]);
        const candidates = facts.filter((_, i) => customers[i]!.candidate).map((f) => f.id);
        for (const node of rules) {
          const rule: SegmentRule = { version: 1, rule: node };
          const expected = facts.filter((f) => evaluateRule(rule, f, { now: NOW, fields, segments })).map((f) => f.id);
          for (const [only, aggregates] of [[undefined, 'auto'], [candidates, 'auto'], [undefined, 'grouped'], [undefined, 'correlated']] as const) {
            const compiler = await systemCompiler(t.deps);
            const where = compileRule(rule, { records: compiler, now: NOW, segments, aggregates, ...(only ? { candidates: only } : {}) });
            const restrict = only ? ` AND t.id = ANY(${compiler.param(only)}::bigint[])` : '';
            const rows = await t.db.query<{ id: number }>(`SELECT t.id::int AS id FROM customers t WHERE ${where}${restrict} ORDER BY t.id`, compiler.parameters);
            const want = only ? expected.filter((id) => only.includes(id)) : expected;
            expect(rows.rows.map((r) => r.id), `${aggregates} ${JSON.stringify(rule)}`).toEqual(want);
          }
        }
      }),
      { numRuns: 50 },
    );
  }, 240_000);
});
