import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEBRL_SCHEMA } from './febrl.js';
import { blockingKeyValue, candidatePairs, type DedupRecord, fieldWeights, findDuplicates, type MatchSchema, scoreRecords } from './matcher.js';
import { schemaForFields } from './schema.js';

const RUNS = { seed: 7, numRuns: 100 };
const FIELDS = FEBRL_SCHEMA.fields.map((f) => f.field);

const value = fc.oneof(
  fc.constant(''),
  fc.string({ unit: fc.constantFrom('a', 'b', 'm', 'r', 's', 't', ' '), maxLength: 8 }),
  fc.stringMatching(/^\d{1,8}$/),
);
const recordValues = fc.record(Object.fromEntries(FIELDS.map((f) => [f, value])) as Record<string, typeof value>);

describe('blocking', () => {
  it('never misses a pair that agrees exactly on all fields (even all-empty records or huge blocks)', () => {
    fc.assert(
      fc.property(fc.array(recordValues, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 5 }), (base, copies, maxBlockSize) => {
        const records: DedupRecord[] = base.map((values, i) => ({ id: `r${i}`, values }));
        for (const c of copies) records.push({ id: `copy${records.length}`, values: { ...base[c % base.length]! } });
        const schema: MatchSchema = { ...FEBRL_SCHEMA, maxBlockSize };
        const pairs = new Set(candidatePairs(records, schema).map(([i, j]) => `${i}|${j}`));
        for (let i = 0; i < records.length; i++) {
          for (let j = i + 1; j < records.length; j++) {
            const same = FIELDS.every((f) => (records[i]!.values[f] ?? '') === (records[j]!.values[f] ?? ''));
            if (same && !pairs.has(`${i}|${j}`)) return false;
          }
        }
        return true;
      }),
      RUNS,
    );
  });

  it('lists each candidate pair once, with i < j', () => {
    const records: DedupRecord[] = Array.from({ length: 40 }, (_, i) => ({
      id: String(i),
      values: { surname: i % 2 ? 'smith' : 'smyth', postcode: '2600', date_of_birth: '19800101', given_name: 'ann', soc_sec_id: '1234567' },
    }));
    const pairs = candidatePairs(records, FEBRL_SCHEMA);
    expect(pairs.length).toBe((40 * 39) / 2);
    expect(new Set(pairs.map(([i, j]) => `${i}|${j}`)).size).toBe(pairs.length);
    expect(pairs.every(([i, j]) => i < j)).toBe(true);
  });

  it('unordered keys survive a swap of given name and surname', () => {
    const key = FEBRL_SCHEMA.blockingKeys.find((k) => k.name === 'names-soundex')!;
    expect(blockingKeyValue(key, { given_name: 'brydee', surname: 'macphail' })).toBe(blockingKeyValue(key, { given_name: 'macphail', surname: 'brydee' }));
    expect(blockingKeyValue(key, { given_name: '', surname: 'macphail' })).toBeNull();
  });
});

describe('scoring', () => {
  const org: DedupRecord = {
    id: 'rec-44-org',
    values: { given_name: 'georgia', surname: 'pringle', street_number: '2', address_1: 'freda gibson circuit', address_2: 'warra creek', suburb: '', postcode: '2154', state: 'sa', date_of_birth: '19550212', soc_sec_id: '6569089' },
  };

  it('log-odds weights', () => {
    const w = fieldWeights({ field: 'x', kind: 'exact', m: 0.9, u: 0.1 });
    expect(w.agree).toBeCloseTo(Math.log2(9), 10);
    expect(w.disagree).toBeCloseTo(Math.log2(0.1 / 0.9), 10);
  });

  it('explains a match with the fields that agreed, including swaps', () => {
    const dup: DedupRecord = { id: 'rec-44-dup-0', values: { ...org.values, surname: 'georgia', given_name: 'pringle', address_1: 'warra creek', address_2: 'freda gibsom circuit', date_of_birth: '19551202' } };
    const s = scoreRecords(org, dup, FEBRL_SCHEMA);
    expect(s.score).toBeGreaterThan(FEBRL_SCHEMA.threshold);
    expect(s.reasons).toContain('given_name:swapped-with-surname');
    expect(s.reasons).toContain('address_1:swapped-with-address_2');
    expect(s.reasons).toContain('date_of_birth:day-month-swap');
    expect(s.reasons).toContain('soc_sec_id:exact');
    expect(s.reasons.some((r) => r.startsWith('suburb'))).toBe(false);
  });

  it('does not suggest records that only share a name', () => {
    const other: DedupRecord = { id: 'x', values: { given_name: 'georgia', surname: 'pringle', street_number: '71', address_1: 'mann place', postcode: '4012', state: 'wa', date_of_birth: '19760119', soc_sec_id: '4025649' } };
    expect(scoreRecords(org, other, FEBRL_SCHEMA).score).toBeLessThan(FEBRL_SCHEMA.threshold);
    expect(findDuplicates([org, other], FEBRL_SCHEMA).pairs).toEqual([]);
  });

  it('a schema for other fields (e.g. customers: name, mobile, address)', () => {
    const schema = schemaForFields(['name', 'mobile', 'address']);
    expect(schema.fields.map((f) => f.kind)).toEqual(['fuzzy', 'id', 'fuzzy']);
    const recs: DedupRecord[] = [
      { id: 'a', values: { name: 'zhang wei', mobile: '138 1234 5678', address: 'chaoyang road 12' } },
      { id: 'b', values: { name: 'zhang wei', mobile: '13812345678', address: 'chaoyang rd 12' } },
      { id: 'c', values: { name: 'li na', mobile: '13900000000', address: 'haidian street 3' } },
    ];
    const res = findDuplicates(recs, schema);
    expect(res.pairs.map((p) => [p.a, p.b])).toEqual([['a', 'b']]);
  });
});
