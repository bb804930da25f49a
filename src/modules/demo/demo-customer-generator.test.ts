import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INDUSTRY_OPTIONS, LEVEL_OPTIONS, normalizeEmail, normalizeMobile, SOURCE_OPTIONS } from '../customers/index.js';
import { CHINA_CITIES } from '../organization/index.js';
import { companyName, customerCreatedAt, DEMO_SPAN_MS, type DemoWorld, generateCustomer } from './demo-customer-generator.js';
import { Random } from './demo-random.js';
import { DEMO_USERS } from './demo-users.js';

const END = new Date('2026-11-22T00:00:00Z');
const values = (options: readonly { value: string }[]) => new Set(options.map((o) => o.value));
const LEVELS = values(LEVEL_OPTIONS);
const SOURCES = values(SOURCE_OPTIONS);
const INDUSTRIES = values(INDUSTRY_OPTIONS);
const CITIES = new Set(CHINA_CITIES.map((c) => c[0]));

const worlds = fc.record({ seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }), customers: fc.integer({ min: 1, max: 2_000_000 }) }).map<DemoWorld>((w) => ({ ...w, endAt: END }));
const worldAndIndex = worlds.chain((world) => fc.tuple(fc.constant(world), fc.nat(world.customers - 1)));

describe('generateCustomer', () => {
  it('is deterministic for a seed and index', () => {
    fc.assert(
      fc.property(worldAndIndex, ([world, index]) => {
        expect(generateCustomer(world, index)).toEqual(generateCustomer({ ...world }, index));
      }),
    );
  });

  it('produces valid values for every field', () => {
    fc.assert(
      fc.property(worldAndIndex, ([world, index]) => {
        const c = generateCustomer(world, index);
        expect(c.id).toBe(index + 1);
        expect(c.name.length).toBeGreaterThanOrEqual(2);
        expect(LEVELS.has(c.level)).toBe(true);
        expect(SOURCES.has(c.source)).toBe(true);
        if (c.industry !== null) expect(INDUSTRIES.has(c.industry)).toBe(true);
        expect(CITIES.has(c.regionCode)).toBe(true);
        if (c.mobile !== null) {
          expect(c.mobile).toMatch(/^1[3-9]\d{9}$/);
          expect(normalizeMobile(c.mobile)).toBe(`+86${c.mobile}`);
        }
        if (c.email !== null) expect(normalizeEmail(c.email)).toBe(c.email);
        if (c.ownerIndex !== null) expect(DEMO_USERS[c.ownerIndex]).toBeDefined();
        else expect(c.team).toEqual([]);
        for (const member of c.team) {
          expect(member.userIndex).not.toBe(c.ownerIndex);
          expect(DEMO_USERS[member.userIndex]!.department).toBe(DEMO_USERS[c.ownerIndex!]!.department);
        }
        expect(c.createdAt.getTime()).toBeGreaterThanOrEqual(END.getTime() - DEMO_SPAN_MS);
        expect(c.createdAt.getTime()).toBeLessThan(END.getTime());
        expect(c.updatedAt.getTime()).toBeGreaterThanOrEqual(c.createdAt.getTime());
        if (c.kind === 'company') {
          expect(c.gender).toBeNull();
          expect(c.birthday).toBeNull();
          expect(c.industry).not.toBeNull();
          expect(c.company).toBe(c.name);
        } else {
          expect(['male', 'female', 'unknown']).toContain(c.gender);
        }
        if (c.birthday !== null) {
          expect(new Date(`${c.birthday}T00:00:00Z`).toISOString().slice(0, 10)).toBe(c.birthday);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('creates customers in id order over three years, more of them recently', () => {
    const world: DemoWorld = { seed: 42, customers: 10_000, endAt: END };
    let previous = 0;
    let recent = 0;
    for (let i = 0; i < world.customers; i++) {
      const at = customerCreatedAt(world, i).getTime();
      expect(at).toBeGreaterThanOrEqual(previous);
      previous = at;
      if (at >= END.getTime() - DEMO_SPAN_MS / 3) recent += 1;
    }
    expect(recent / world.customers).toBeGreaterThan(0.4); // last year > a third
  });

  it('has a realistic mix', () => {
    const world: DemoWorld = { seed: 1, customers: 20_000, endAt: END };
    const all = Array.from({ length: world.customers }, (_, i) => generateCustomer(world, i));
    const share = (test: (c: (typeof all)[number]) => boolean) => all.filter(test).length / all.length;
    expect(share((c) => c.kind === 'company')).toBeCloseTo(0.12, 1);
    expect(share((c) => c.email !== null)).toBeGreaterThan(0.6);
    expect(share((c) => c.email !== null)).toBeLessThan(0.8);
    expect(share((c) => c.ownerIndex === null)).toBeCloseTo(0.08, 1);
    expect(share((c) => c.team.length > 0)).toBeGreaterThan(0.03);
    expect(share((c) => c.regionCode === '500100')).toBeGreaterThan(share((c) => c.regionCode === '460100'));
    expect(share((c) => /^[王李张刘陈]/.test(c.name) && c.kind === 'person')).toBeGreaterThan(0.2);
  });
});

describe('companyName', () => {
  it.each([
    ['杭州市', 'it', /^杭州..(科技|网络科技|信息技术|软件|数据科技)(有限公司|股份有限公司|有限责任公司)$/],
    ['深圳市', 'logistics', /^深圳..(物流|供应链管理|货运代理|快运)(有限公司|股份有限公司|有限责任公司)$/],
    ['成都市', 'government', /^成都市(数据资源管理局|市场监督管理局|公共资源交易中心|教育局|卫生健康委员会)$/],
  ])('%s + %s', (city, industry, pattern) => {
    const rng = new Random(3);
    for (let i = 0; i < 50; i++) expect(companyName(rng, city, industry).name).toMatch(pattern);
  });
});
