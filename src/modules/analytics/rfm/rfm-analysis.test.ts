import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../imports/index.js';
import { ANALYSES } from '../analyses.js';
import { AnalysisInputError, tableFromRows } from '../analysis-input.js';
import { sharedDataFile } from '../../../../test/support/shared-data.js';

const FILE = sharedDataFile('rfm/rfm_data_orders.csv');

interface Output {
  customers: { customerId: string; recencyDays: number; frequency: number; monetary: number; r: number; f: number; m: number; segment: string }[];
  segments: { segment: string; customers: number; orders: number; revenue: number }[];
}

function run(flags: Record<string, string>) {
  const table = tableFromRows(parseCsv(readFileSync(FILE, 'utf8')));
  return ANALYSES.rfm!.run(table, { date: 'order_date', amount: 'revenue', ...flags }) as Output;
}

describe('relata analyze rfm on rfm_data_orders.csv (R package rfm)', () => {
  it('reproduces the published figure: R, F, M all ≥ 4 → 158 customers, 1,234 orders, revenue 120,178', () => {
    const out = run({ 'as-of': '2006-12-31' });
    expect(out.customers).toHaveLength(995);
    expect(out.customers.reduce((n, c) => n + c.frequency, 0)).toBe(4906);
    expect(out.customers.reduce((n, c) => n + c.monetary, 0)).toBe(464158);
    const top = out.customers.filter((c) => c.r >= 4 && c.f >= 4 && c.m >= 4);
    expect([top.length, top.reduce((n, c) => n + c.frequency, 0), top.reduce((n, c) => n + c.monetary, 0)]).toEqual([158, 1234, 120178]);
  });

  it('gives segment counts that add up to every customer, order and yuan', () => {
    for (const method of ['type7', 'ntile']) {
      const out = run({ 'as-of': '2006-12-31', 'quantile-method': method });
      expect(out.segments).toHaveLength(11);
      expect(out.segments.reduce((n, s) => n + s.customers, 0)).toBe(995);
      expect(out.segments.reduce((n, s) => n + s.orders, 0)).toBe(4906);
      expect(out.segments.reduce((n, s) => n + s.revenue, 0)).toBe(464158);
    }
  });

  it('ntile uses every score equally often (995 = 5 × 199)', () => {
    const out = run({ 'as-of': '2006-12-31', 'quantile-method': 'ntile' });
    for (const s of [1, 2, 3, 4, 5]) expect(out.customers.filter((c) => c.m === s)).toHaveLength(199);
  });

  it('refuses a missing --as-of, an unknown method and too little data', () => {
    expect(() => run({})).toThrow(AnalysisInputError);
    expect(() => run({ 'as-of': '2006-12-31', 'quantile-method': 'median' })).toThrow(/quantile-method/);
    expect(() => run({ 'as-of': '2000-01-01' })).toThrow(/too little data/);
  });
});
