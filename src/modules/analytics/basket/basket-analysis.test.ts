import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv, writeCsv } from '../../imports/index.js';
import { AnalysisInputError, tableFromRows } from '../analysis-input.js';
import { basketAnalysis } from './basket-analysis.js';
import { sharedDataFile } from '../../../../test/support/shared-data.js';

/** Groceries rewritten as order lines (order_id,item), the shape `relata analyze basket` reads. */
function groceriesAsOrderLines(): string {
  const text = readFileSync(sharedDataFile('groceries/groceries.csv'), 'utf8');
  const lines = text.split(/\r?\n/).filter((line) => line !== '');
  const rows = lines.flatMap((line, index) => line.split(',').map((item) => [`T${index + 1}`, item]));
  return writeCsv([['order_id', 'item'], ...rows]);
}

describe('basket analysis (CLI adapter)', () => {
  const table = tableFromRows(parseCsv(groceriesAsOrderLines()));

  it('reproduces the 5,668 Groceries rules from order lines, labels kept exactly', () => {
    const result = basketAnalysis.run(table, { 'min-support': '0.001', 'min-confidence': '0.5' }) as {
      transactions: number;
      items: number;
      rules: { antecedent: string[]; consequent: string[]; lift: number }[];
    };
    expect(result.transactions).toBe(9835);
    expect(result.items).toBe(169);
    expect(result.rules.length).toBe(5668);
    expect(result.rules[0]).toMatchObject({ antecedent: ['Instant food products', 'soda'], consequent: ['hamburger meat'] });
    expect(result.rules.some((r) => [...r.antecedent, ...r.consequent].includes('cream cheese '))).toBe(true);
  });

  it('honours --min-length and custom column names', () => {
    const renamed = tableFromRows([['basket', 'product'], ...table.rows.map((r) => [r.order_id!, r.item!])]);
    const result = basketAnalysis.run(renamed, { order: 'basket', item: 'product', 'min-support': '0.006', 'min-confidence': '0.25', 'min-length': '2' }) as { rules: unknown[] };
    expect(result.rules.length).toBe(463);
  });

  it('refuses a missing column, an empty file and a bad threshold with a clear message', () => {
    expect(() => basketAnalysis.run(table, { item: 'sku' })).toThrow(/no column "sku"/);
    expect(() => basketAnalysis.run(tableFromRows([['order_id', 'item']]), {})).toThrow(AnalysisInputError);
    expect(() => basketAnalysis.run(table, { 'min-support': '2' })).toThrow(/--min-support/);
  });
});
