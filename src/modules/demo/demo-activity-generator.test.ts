import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHINA_CITIES } from '../organization/index.js';
import { activityPlan, generateEvents, generateOrders } from './demo-activity-generator.js';
import { type DemoWorld, generateCustomer } from './demo-customer-generator.js';

const END = new Date('2026-11-22T00:00:00Z');
const PLAN = activityPlan(10, 5);
const CHANNELS = ['天猫', '京东', '微信小程序', '门店', '官网'];
const CITY_NAMES = CHINA_CITIES.map((c) => c[1].replace(/市$/, ''));

const cases = fc
  .record({ seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }), customers: fc.integer({ min: 1, max: 1_000_000 }), firstId: fc.integer({ min: 1, max: 1e9 }) })
  .chain((w) => fc.tuple(fc.constant<DemoWorld>({ seed: w.seed, customers: w.customers, endAt: END }), fc.nat(w.customers - 1), fc.constant(w.firstId)));

describe('generateOrders', () => {
  it('gives consecutive ids, in time order, after the customer was created, with valid values', () => {
    fc.assert(
      fc.property(cases, ([world, index, firstId]) => {
        const customer = generateCustomer(world, index);
        const orders = generateOrders(world, PLAN, customer, firstId);
        expect(generateOrders(world, PLAN, customer, firstId)).toEqual(orders);
        orders.forEach((order, i) => {
          expect(order.id).toBe(firstId + i);
          expect(order.customerId).toBe(customer.id);
          expect(order.orderedAt.getTime()).toBeGreaterThan(customer.createdAt.getTime());
          expect(order.orderedAt.getTime()).toBeLessThanOrEqual(END.getTime());
          if (i > 0) expect(order.orderedAt.getTime()).toBeGreaterThanOrEqual(orders[i - 1]!.orderedAt.getTime());
          expect(order.amount).toMatch(/^\d+\.\d{2}$/);
          expect(Number(order.amount)).toBeGreaterThan(0);
          expect(CHANNELS).toContain(order.channel);
          expect(order.store !== null).toBe(order.channel === '门店');
          if (order.store) expect(CITY_NAMES.some((city) => order.store!.startsWith(city))).toBe(true);
          expect(['paid', 'refunded', 'cancelled']).toContain(order.status);
          expect(order.orderNo).toMatch(/^RL\d{8}\d{10,}$/);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('averages about the requested orders per customer, mostly paid, with a long tail', () => {
    const world: DemoWorld = { seed: 9, customers: 30_000, endAt: END };
    let total = 0;
    let few = 0;
    let max = 0;
    let paid = 0;
    let refunded = 0;
    const amounts: number[] = [];
    for (let i = 0; i < world.customers; i++) {
      const orders = generateOrders(world, PLAN, generateCustomer(world, i), 1);
      total += orders.length;
      if (orders.length <= 3) few += 1;
      max = Math.max(max, orders.length);
      for (const o of orders) {
        if (o.status === 'paid') paid += 1;
        if (o.status === 'refunded') refunded += 1;
        if (amounts.length < 50_000) amounts.push(Number(o.amount));
      }
    }
    expect(total / world.customers).toBeGreaterThan(9);
    expect(total / world.customers).toBeLessThan(11);
    expect(few / world.customers).toBeGreaterThan(0.55);
    expect(max).toBeGreaterThan(100);
    expect(paid / total).toBeGreaterThan(0.85);
    expect(refunded / total).toBeGreaterThan(0.03);
    amounts.sort((a, b) => a - b);
    const median = amounts[Math.floor(amounts.length / 2)]!;
    expect(median).toBeGreaterThan(100);
    expect(median).toBeLessThan(400);
  });
});

describe('generateEvents', () => {
  it('gives track/page events after the customer was created with small JSON properties', () => {
    fc.assert(
      fc.property(cases, ([world, index, firstId]) => {
        const customer = generateCustomer(world, index);
        const events = generateEvents(world, PLAN, customer, firstId);
        expect(generateEvents(world, PLAN, customer, firstId)).toEqual(events);
        events.forEach((event, i) => {
          expect(event.id).toBe(firstId + i);
          expect(['track', 'page']).toContain(event.type);
          expect(event.name.length).toBeGreaterThan(0);
          expect(event.occurredAt.getTime()).toBeGreaterThan(customer.createdAt.getTime());
          expect(event.occurredAt.getTime()).toBeLessThanOrEqual(END.getTime());
          const json = JSON.stringify(event.properties);
          expect(JSON.parse(json)).toEqual(event.properties);
          expect(json.length).toBeLessThan(200);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('gives no activity when the plan asks for none', () => {
    const world: DemoWorld = { seed: 1, customers: 100, endAt: END };
    const none = activityPlan(0, 0);
    for (let i = 0; i < 100; i++) {
      const customer = generateCustomer(world, i);
      expect(generateOrders(world, none, customer, 1)).toEqual([]);
      expect(generateEvents(world, none, customer, 1)).toEqual([]);
    }
  });
});
