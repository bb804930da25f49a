import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChannelCredit, type ChannelPath, splitPath } from './channel-paths.js';
import { heuristicAttribution, touchWeights } from './heuristic-attribution.js';
import { markovAttribution } from './markov-attribution.js';
import { shapleyAttribution } from './shapley-attribution.js';

const path = (text: string, conversions: number, nulls = 0, value = 0): ChannelPath => ({ channels: splitPath(text), conversions, nulls, value });
const byChannel = (credits: ChannelCredit[]) => Object.fromEntries(credits.map((c) => [c.channel, c.conversions]));

describe('markovAttribution (published ChannelAttribution toy cases, exact)', () => {
  it('A>B>A>B>B>A, A>B>B>A>A, A>A each converting once → A = 2, B = 1', () => {
    const result = markovAttribution([path('A>B>A>B>B>A', 1), path('A>B>B>A>A', 1), path('A>A', 1)]);
    const credit = byChannel(result.credits);
    expect(credit.A).toBeCloseTo(2, 12);
    expect(credit.B).toBeCloseTo(1, 12);
    expect(result.removalEffects.A).toBeCloseTo(1, 12);
    expect(result.removalEffects.B).toBeCloseTo(0.5, 12);
  });

  it('C1>C2>C3 (converts), C1 (null), C2>C3 (null) → C1 = 0.2, C2 = 0.4, C3 = 0.4', () => {
    const result = markovAttribution([path('C1 > C2 > C3', 1), path('C1', 0, 1), path('C2 > C3', 0, 1)]);
    const credit = byChannel(result.credits);
    expect(credit.C1).toBeCloseTo(0.2, 12);
    expect(credit.C2).toBeCloseTo(0.4, 12);
    expect(credit.C3).toBeCloseTo(0.4, 12);
    expect(result.conversionProbability).toBeCloseTo(1 / 3, 12);
  });

  it('gives nothing when nothing converts', () => {
    expect(byChannel(markovAttribution([path('a>b', 0, 3)]).credits)).toEqual({ a: 0, b: 0 });
  });
});

describe('heuristic models (table)', () => {
  const cases: { model: Parameters<typeof touchWeights>[1]; length: number; weights: number[] }[] = [
    { model: 'first', length: 3, weights: [1, 0, 0] },
    { model: 'last', length: 3, weights: [0, 0, 1] },
    { model: 'linear', length: 4, weights: [0.25, 0.25, 0.25, 0.25] },
    { model: 'time-decay', length: 3, weights: [1 / 7, 2 / 7, 4 / 7] },
    { model: 'position', length: 1, weights: [1] },
    { model: 'position', length: 2, weights: [0.5, 0.5] },
    { model: 'position', length: 4, weights: [0.4, 0.1, 0.1, 0.4] },
  ];
  for (const c of cases) {
    it(`${c.model} over ${c.length} touches`, () => {
      touchWeights(c.length, c.model).forEach((w, i) => {
        expect(w).toBeCloseTo(c.weights[i]!, 12);
      });
    });
  }
  it('time-decay with half-life 2 halves the weight every two touches', () => {
    const [a, , c] = touchWeights(3, 'time-decay', { halfLife: 2 });
    expect(a! / c!).toBeCloseTo(0.5, 12);
  });
  it('a repeated channel collects each of its touches (linear a>b>a → a 2/3)', () => {
    expect(byChannel(heuristicAttribution([path('a>b>a', 3)], 'linear'))).toEqual({ a: 2, b: 1 });
  });
});

describe('shapleyAttribution', () => {
  it('splits the worth of coalitions: a>b converting 2 and a converting 1 → a 2, b 1', () => {
    expect(byChannel(shapleyAttribution([path('a>b', 2), path('a', 1), path('b', 0, 5)]))).toEqual({ a: 2, b: 1 });
  });
});

const channelArb = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const pathsArb = fc.array(
  fc.record({
    channels: fc.array(channelArb, { minLength: 1, maxLength: 6 }),
    conversions: fc.integer({ min: 0, max: 5 }),
    nulls: fc.integer({ min: 0, max: 5 }),
    value: fc.double({ min: 0, max: 100, noNaN: true }),
  }),
  { minLength: 1, maxLength: 12 },
);
const sum = (credits: ChannelCredit[], key: 'conversions' | 'value') => credits.reduce((s, c) => s + c[key], 0);
const totals = (paths: ChannelPath[]) => ({ conversions: paths.reduce((s, p) => s + p.conversions, 0), value: paths.reduce((s, p) => s + p.value, 0) });

describe('attribution (properties)', () => {
  it('every model credits exactly the total conversions and value, and no channel gets a negative credit', () => {
    fc.assert(
      fc.property(pathsArb, fc.constantFrom('first', 'last', 'linear', 'time-decay', 'position', 'markov', 'shapley'), (paths, model) => {
        const credits = model === 'markov' ? markovAttribution(paths).credits : model === 'shapley' ? shapleyAttribution(paths) : heuristicAttribution(paths, model);
        const total = totals(paths);
        const converting = model !== 'markov' || markovAttribution(paths).conversionProbability > 0;
        expect(sum(credits, 'conversions')).toBeCloseTo(converting ? total.conversions : 0, 9);
        expect(sum(credits, 'value')).toBeCloseTo(converting ? total.value : 0, 6);
        expect(credits.every((c) => c.conversions >= -1e-12)).toBe(true);
      }),
    );
  });

  it('removal effects lie in [0, 1]; a channel on every converting path has removal effect 1', () => {
    fc.assert(
      fc.property(pathsArb, (paths) => {
        const result = markovAttribution(paths.map((p) => ({ ...p, channels: ['x', ...p.channels] })));
        for (const effect of Object.values(result.removalEffects)) expect(effect).toBeGreaterThanOrEqual(0);
        for (const effect of Object.values(result.removalEffects)) expect(effect).toBeLessThanOrEqual(1 + 1e-12);
        if (result.conversionProbability > 0) expect(result.removalEffects.x).toBeCloseTo(1, 9);
      }),
    );
  });

  it('Shapley from coalition worths equals splitting each path equally over its distinct channels', () => {
    fc.assert(
      fc.property(pathsArb, (paths) => {
        const expected = new Map<string, number>();
        for (const p of paths) {
          const distinct = [...new Set(p.channels)];
          for (const c of distinct) expected.set(c, (expected.get(c) ?? 0) + p.conversions / distinct.length);
        }
        for (const credit of shapleyAttribution(paths)) expect(credit.conversions).toBeCloseTo(expected.get(credit.channel) ?? 0, 9);
      }),
    );
  });
});
