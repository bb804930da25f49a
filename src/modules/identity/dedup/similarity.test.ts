import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler, levenshtein, normalizedLevenshtein, soundex, tokenJaccard, tokenSortJaroWinkler } from './similarity.js';

const RUNS = { seed: 42, numRuns: 300 };

describe('jaroWinkler', () => {
  it.each<[string, string, number]>([
    ['MARTHA', 'MARHTA', 0.961],
    ['DWAYNE', 'DUANE', 0.84],
    ['DIXON', 'DICKSONX', 0.813],
    ['JELLYFISH', 'SMELLYFISH', 0.896],
    ['', '', 1],
    ['abc', '', 0],
    ['abc', 'xyz', 0],
    ['same', 'same', 1],
  ])('%s / %s ≈ %s', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
  });

  it('jaro of MARTHA/MARHTA is 0.944', () => {
    expect(jaro('MARTHA', 'MARHTA')).toBeCloseTo(0.944, 3);
  });
});

describe('levenshtein', () => {
  it.each<[string, string, number]>([
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['', 'abc', 3],
    ['abc', 'abc', 0],
    ['ab', 'ba', 2],
  ])('%s / %s = %s', (a, b, d) => {
    expect(levenshtein(a, b)).toBe(d);
  });

  it('normalised: 1 − d / max length', () => {
    expect(normalizedLevenshtein('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7, 10);
  });
});

describe('token measures', () => {
  it('token Jaccard', () => {
    expect(tokenJaccard('tullaroop street', 'street tullaroop')).toBe(1);
    expect(tokenJaccard('a b c', 'a b d')).toBeCloseTo(0.5, 10);
  });
  it('token-sort Jaro-Winkler handles swapped words and split words', () => {
    expect(tokenSortJaroWinkler('tullaroop street', 'street tullaroop')).toBe(1);
    expect(tokenSortJaroWinkler('warrambool close', 'warramboolclose')).toBe(1);
  });
});

describe('soundex', () => {
  it.each<[string, string]>([
    ['Robert', 'R163'],
    ['Rupert', 'R163'],
    ['Rubin', 'R150'],
    ['Ashcraft', 'A261'],
    ['Tymczak', 'T522'],
    ['Pfister', 'P236'],
    ['Lee', 'L000'],
    ['', ''],
    ['123', ''],
  ])('%s → %s', (s, code) => {
    expect(soundex(s)).toBe(code);
  });
});

const measures: Array<[string, (a: string, b: string) => number]> = [
  ['jaro', jaro],
  ['jaroWinkler', jaroWinkler],
  ['normalizedLevenshtein', normalizedLevenshtein],
  ['tokenJaccard', tokenJaccard],
  ['tokenSortJaroWinkler', tokenSortJaroWinkler],
];

describe.each(measures)('%s properties', (_name, sim) => {
  const str = fc.string({ maxLength: 12 });
  const small = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), maxLength: 10 });
  it('is symmetric', () => {
    fc.assert(fc.property(fc.oneof(str, small), fc.oneof(str, small), (a, b) => Math.abs(sim(a, b) - sim(b, a)) < 1e-12), RUNS);
  });
  it('stays in [0, 1]', () => {
    fc.assert(fc.property(fc.oneof(str, small), fc.oneof(str, small), (a, b) => {
      const s = sim(a, b);
      return s >= 0 && s <= 1;
    }), RUNS);
  });
  it('scores identical strings 1', () => {
    fc.assert(fc.property(str, (a) => sim(a, a) === 1), RUNS);
  });
});
