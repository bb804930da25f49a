import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { evaluateFebrl, FEBRL_SCHEMA, febrlEntity } from './febrl.js';
import { findDuplicates } from './matcher.js';
import { sharedDataFile } from '../../../../test/support/shared-data.js';

const DIR = path.dirname(sharedDataFile('febrl/febrl1.csv'));

describe('evaluateFebrl', () => {
  it('counts every unordered pair sharing a number, dup–dup pairs included', () => {
    const ids = ['rec-1-org', 'rec-1-dup-0', 'rec-1-dup-1', 'rec-2-org', 'rec-3-org', 'rec-3-dup-0'];
    const e = evaluateFebrl(ids, [
      { a: 'rec-1-dup-1', b: 'rec-1-dup-0' },
      { a: 'rec-1-dup-0', b: 'rec-1-dup-1' }, // same unordered pair: counted once
      { a: 'rec-2-org', b: 'rec-3-org' },
    ])!;
    expect(e).toEqual({ truePairs: 4, found: 2, correct: 1, precision: 0.5, recall: 0.25 });
    expect(evaluateFebrl(['a', 'rec-1-org'], [])).toBeNull();
    expect(febrlEntity('rec-12-dup-3')).toBe('12');
  });
});

describe.each([
  ['febrl1', 1000, 500],
  ['febrl2', 5000, 1934],
])('%s', (name, records, truePairs) => {
  it('precision ≥ 0.98 and recall ≥ 0.90', () => {
    const table = parseCsv(fs.readFileSync(`${DIR}/${name}.csv`, 'utf8'));
    const recs = table.rows.map((r) => ({ id: r['rec_id']!, values: r }));
    const result = findDuplicates(recs, FEBRL_SCHEMA);
    const e = evaluateFebrl(
      recs.map((r) => r.id),
      result.pairs,
    )!;
    expect(result.records).toBe(records);
    expect(e.truePairs).toBe(truePairs);
    expect(e.precision).toBeGreaterThanOrEqual(0.98);
    expect(e.recall).toBeGreaterThanOrEqual(0.9);
  });
});
