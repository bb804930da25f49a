import { type Analysis, type AnalysisFlags, AnalysisInputError, type AnalysisTable, numberFlag, requireColumn } from '../analysis-input.js';
import { associationRules, type BasketRules } from './association-rules.js';

/**
 * `relata analyze basket`: one row per order line (`--order order_id`, `--item item`); the lines of an
 * order form its basket (an item repeated in an order counts once). Item cells are used exactly as
 * in the file, spaces included. Defaults follow R arules: support 0.1, confidence 0.8, length 1..10.
 */
export const basketAnalysis: Analysis = {
  usage: [
    '--order COL         order column (default order_id); the rows of an order form one basket',
    '--item COL          item column (default item), taken exactly as written',
    '--min-support S     minimum share of baskets holding the whole rule (default 0.1)',
    '--min-confidence C  minimum confidence (default 0.8)',
    '--min-length N      minimum items in antecedent + consequent (default 1: {} => {x} rules allowed)',
    '--max-length N      maximum items in antecedent + consequent (default 10)',
    'output: {"transactions","items","rules":[{"antecedent","consequent","support","confidence","lift","count"}]} by lift desc',
  ].join('\n'),
  run(table: AnalysisTable, flags: AnalysisFlags): BasketRules {
    const orderColumn = requireColumn(table, flags, 'order', 'order_id');
    const itemColumn = requireColumn(table, flags, 'item', 'item');
    return associationRules(basketsFromRows(table, orderColumn, itemColumn), {
      minSupport: numberFlag(flags, 'min-support', 0.1, 0, 1),
      minConfidence: numberFlag(flags, 'min-confidence', 0.8, 0, 1),
      minLength: numberFlag(flags, 'min-length', 1, 1, 100),
      maxLength: numberFlag(flags, 'max-length', 10, 1, 100),
    });
  },
};

/** Baskets in order of first appearance of their order id. */
export function basketsFromRows(table: AnalysisTable, orderColumn: string, itemColumn: string): string[][] {
  const baskets = new Map<string, string[]>();
  table.rows.forEach((row, index) => {
    const order = (row[orderColumn] ?? '').trim();
    const item = row[itemColumn] ?? '';
    if (order === '' || item === '') throw new AnalysisInputError(`row ${index + 2}: "${orderColumn}" and "${itemColumn}" must not be empty`);
    const basket = baskets.get(order);
    if (basket === undefined) baskets.set(order, [item]);
    else basket.push(item);
  });
  if (baskets.size === 0) throw new AnalysisInputError('no order lines: the file has a header but no rows');
  return [...baskets.values()];
}
