import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../imports/index.js';
import { ANALYSES, AnalysisInputError, tableFromRows } from '../index.js';
import { readCdnowRows } from './cdnow-sample.fixture.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const directory = mkdtempSync(path.join(tmpdir(), 'relata-clv-'));
const cdnowCsv = path.join(directory, 'cdnow.csv');
writeFileSync(cdnowCsv, ['customer_id,date,amount', ...readCdnowRows().map((r) => `${r.sampleId},${r.yyyymmdd},${r.dollars}`)].join('\n'));

const clv = ANALYSES['clv']!;
const significant = (x: number, digits: number) => Number(x.toPrecision(digits));
const tableOf = (lines: string[]) => tableFromRows(parseCsv(lines.join('\n')));
const cdnowTable = () => tableFromRows(parseCsv(readFileSync(cdnowCsv, 'utf8')));
const CDNOW_FLAGS = { 'calibration-end': '1997-09-30', 'time-unit': 'week' };

interface ClvDocument {
  bgnbd: { r: number; alpha: number; a: number; b: number; logLik: number };
  gammaGamma: { p: number; q: number; v: number };
  customers: { customer: string; frequency: number; pAlive: number; expectedPurchases: number; expectedSpend: number; clv: number }[];
}

describe('relata analyze clv (Analysis.run)', () => {
  it('reproduces the published CDNOW fits from a CSV with yyyymmdd dates', () => {
    const result = clv.run(cdnowTable(), CDNOW_FLAGS) as ClvDocument;
    expect([result.bgnbd.r, result.bgnbd.alpha, result.bgnbd.a, result.bgnbd.b].map((x) => significant(x, 3))).toEqual([0.243, 4.41, 0.793, 2.43]);
    expect(result.bgnbd.logLik).toBeCloseTo(-9582.4, 1);
    expect([result.gammaGamma.p, result.gammaGamma.q, result.gammaGamma.v].map((x) => significant(x, 3))).toEqual([6.25, 3.74, 15.4]);
    expect(result.customers).toHaveLength(2357);
    expect(result.customers.slice(0, 6).map((c) => Number(c.expectedSpend.toFixed(2)))).toEqual([24.65, 18.91, 35.17, 35.17, 35.17, 71.46]);
    for (const c of result.customers) for (const value of [c.pAlive, c.expectedPurchases, c.expectedSpend, c.clv]) expect(Number.isFinite(value)).toBe(true);
    const first = result.customers[0]!;
    expect(first.clv).toBeGreaterThan(0);
    expect(first.clv).toBeLessThan(first.expectedPurchases * first.expectedSpend); // discounted
  });
  it('in days: the same r, a, b and alpha seven times larger', () => {
    const weeks = clv.run(cdnowTable(), CDNOW_FLAGS) as ClvDocument;
    const days = clv.run(cdnowTable(), { ...CDNOW_FLAGS, 'time-unit': 'day' }) as ClvDocument;
    expect(days.bgnbd.r).toBeCloseTo(weeks.bgnbd.r, 3);
    expect(days.bgnbd.alpha / 7).toBeCloseTo(weeks.bgnbd.alpha, 2);
    expect(days.bgnbd.a).toBeCloseTo(weeks.bgnbd.a, 3);
    expect(days.customers[0]!.clv).toBeCloseTo(weeks.customers[0]!.clv, 1);
  });
  it('ignores rows after the calibration end', () => {
    const early = clv.run(cdnowTable(), { ...CDNOW_FLAGS, 'calibration-end': '1997-02-28' }) as ClvDocument;
    expect(early.customers.length).toBeLessThan(2357);
    expect(early.customers.every((c) => c.frequency <= 20)).toBe(true);
  });

  const fewCustomers = ['customer_id,date,amount', 'a,2024-01-01,10', 'a,2024-02-01,12', 'b,2024-01-05,8'];
  const noRepeat = ['customer_id,date,amount', ...Array.from({ length: 12 }, (_, i) => `c${i},2024-01-0${(i % 9) + 1},10`)];
  const cases: { name: string; lines: string[]; flags: Record<string, string>; message: RegExp }[] = [
    { name: 'without --calibration-end', lines: fewCustomers, flags: {}, message: /--calibration-end YYYY-MM-DD is required/ },
    { name: 'fewer than 10 customers', lines: fewCustomers, flags: { 'calibration-end': '2024-03-01' }, message: /too little data: 2 customers/ },
    { name: 'no repeat buyers', lines: noRepeat, flags: { 'calibration-end': '2024-03-01' }, message: /no repeat buyers/ },
    { name: 'an unknown column', lines: fewCustomers, flags: { 'calibration-end': '2024-03-01', amount: 'revenue' }, message: /no column "revenue"/ },
    { name: 'a bad time unit', lines: fewCustomers, flags: { 'calibration-end': '2024-03-01', 'time-unit': 'month' }, message: /--time-unit must be one of week, day/ },
    { name: 'a bad date cell', lines: ['customer_id,date,amount', 'a,2024-02-30,1'], flags: { 'calibration-end': '2024-03-01' }, message: /row 2, column "date"/ },
    { name: 'a bad amount cell', lines: ['customer_id,date,amount', 'a,2024-02-01,ten'], flags: { 'calibration-end': '2024-03-01' }, message: /row 2, column "amount": "ten" is not a number/ },
  ];
  for (const c of cases) {
    it(`refuses ${c.name} with a clear message`, () => {
      const run = () => clv.run(tableOf(c.lines), c.flags);
      expect(run).toThrow(AnalysisInputError);
      expect(run).toThrow(c.message);
    });
  }
});

describe('relata analyze clv (the real CLI)', () => {
  it('writes one JSON document to a file (> out.json) and exits 0', { timeout: 120_000 }, async () => {
    const output = path.join(directory, 'out.json');
    const result = await runRelata(['analyze', 'clv', '--input', cdnowCsv, '--calibration-end', '1997-09-30', '--time-unit', 'week', '--horizon', '12', '--json'], output);
    expect(result.code).toBe(0);
    const document = JSON.parse(readFileSync(output, 'utf8')) as ClvDocument;
    expect(significant(document.bgnbd.r, 3)).toBe(0.243);
    expect(significant(document.gammaGamma.p, 3)).toBe(6.25);
    expect(document.customers).toHaveLength(2357);
  });
  // A finished command exits only once its output is flushed: a pipe gets the whole document.
  it('prints the whole JSON document through a pipe', { timeout: 120_000 }, async () => {
    const result = await runRelata(['analyze', 'clv', '--input', cdnowCsv, '--calibration-end', '1997-09-30', '--json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as ClvDocument).customers).toHaveLength(2357);
  });

  const small = path.join(directory, 'small.csv');
  writeFileSync(small, 'customer_id,date,amount\na,2024-01-01,10\na,2024-02-01,12\n');
  it('exits 2 with the reason on stderr and nothing on stdout when there is too little data', { timeout: 120_000 }, async () => {
    const { code, stdout, stderr } = await runRelata(['analyze', 'clv', '--input', small, '--calibration-end', '2024-03-01', '--json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/relata analyze clv: too little data: 1 customers/);
  });
});

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs bin/relata.js; stdout goes to `stdoutFile` when given (as `> file` would), else to a pipe. */
function runRelata(args: string[], stdoutFile?: string): Promise<CliResult> {
  const fd = stdoutFile === undefined ? undefined : openSync(stdoutFile, 'w');
  return new Promise<CliResult>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/relata.js'), ...args], { cwd: REPO_ROOT, stdio: ['ignore', fd ?? 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  }).finally(() => {
    if (fd !== undefined) closeSync(fd);
  });
}
