import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dedupCommand } from '../../../cli/dedup-command.js';
import { sharedDataFile } from '../../../../test/support/shared-data.js';

function capture(): { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  return { out: () => out, err: () => err };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('relata dedup', () => {
  it('prints one JSON document with an evaluation for febrl ids', async () => {
    const io = capture();
    const code = await dedupCommand({ input: sharedDataFile('febrl/febrl1.csv'), 'id-column': 'rec_id', json: true }, []);
    expect(code).toBe(0);
    const doc = JSON.parse(io.out());
    expect(doc.records).toBe(1000);
    expect(doc.candidatePairs).toBeGreaterThanOrEqual(500);
    expect(doc.pairs[0]).toEqual({ a: expect.any(String), b: expect.any(String), score: expect.any(Number), reasons: expect.any(Array) });
    expect(doc.evaluation.truePairs).toBe(500);
    expect(doc.evaluation.precision).toBeGreaterThanOrEqual(0.98);
    expect(doc.evaluation.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('works on other CSVs with --fields and --threshold, without evaluation', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dedup-')), 'c.csv');
    fs.writeFileSync(file, 'id,name,mobile,city\r\n1,"Zhang, Wei",13812345678,Beijing\r\n2,zhang wei,138 1234 5678,beijing\r\n3,Li Na,13900000000,Shanghai\r\n');
    const io = capture();
    expect(await dedupCommand({ input: file, 'id-column': 'id', fields: 'name,mobile', threshold: '5', json: true }, [])).toBe(0);
    const doc = JSON.parse(io.out());
    expect(doc.records).toBe(3);
    expect(doc.pairs.map((p: { a: string; b: string }) => [p.a, p.b])).toEqual([['1', '2']]);
    expect(doc.evaluation).toBeUndefined();
  });

  it('returns 2 on usage errors', async () => {
    const io = capture();
    expect(await dedupCommand({}, [])).toBe(2);
    expect(await dedupCommand({ input: sharedDataFile('febrl/febrl1.csv'), 'id-column': 'nope' }, [])).toBe(2);
    expect(await dedupCommand({ input: sharedDataFile('febrl/febrl1.csv'), 'id-column': 'rec_id', threshold: 'x' }, [])).toBe(2);
    expect(io.err()).toContain('usage');
  });
});
