import { RuleError, type RuleNode } from './segment-rule.js';

export type OrderSpec = Extract<RuleNode, { orders: unknown }>['orders'];

/** An order as the evaluator sees it (money as decimal strings or numbers, 2 decimals). */
export interface OrderFact {
  status: string;
  amount: number | string;
  refundedAmount: number | string;
  orderedAt: Date;
}

const AGGREGATE_SQL = { count: 'count(*)', sum: 'sum(o.amount - o.refunded_amount)', avg: 'avg(o.amount - o.refunded_amount)' } as const;
const COMPARE = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function operand(spec: OrderSpec, path: string): number | [number, number] {
  // Money is compared in whole cents by the evaluator: more decimals would not mean the same thing.
  const isNumber = (v: unknown): v is number =>
    typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e13 && (spec.measure === 'count' || Math.round(v * 100) / 100 === v);
  if (spec.op === 'between') {
    if (!Array.isArray(spec.value) || spec.value.length !== 2 || !spec.value.every(isNumber)) throw new RuleError(path, '[from, to] numbers (money: at most 2 decimals) expected');
    return [spec.value[0] as number, spec.value[1] as number];
  }
  if (!isNumber(spec.value)) throw new RuleError(path, 'number (money: at most 2 decimals) expected');
  return spec.value;
}

/**
 * Predicate on the aggregate of a customer's kept orders in the window (HAVING of a grouped
 * subquery, or the select list of a per-customer one, where a customer without orders has sum 0).
 */
export function orderPredicateSql(spec: OrderSpec, path: string, param: (v: unknown) => string, perCustomer = false): string {
  const value = operand(spec, path);
  const agg = perCustomer && spec.measure === 'sum' ? `coalesce(${AGGREGATE_SQL.sum}, 0)` : AGGREGATE_SQL[spec.measure];
  if (Array.isArray(value)) return `${agg} BETWEEN ${param(value[0])}::numeric AND ${param(value[1])}::numeric`;
  if (spec.op === 'ne') return `NOT COALESCE(${agg} = ${param(value)}::numeric, false)`;
  return `${agg} ${COMPARE[spec.op as keyof typeof COMPARE]} ${param(value)}::numeric`;
}

const cents = (v: number | string) => Math.round(Number(v) * 100);

/** Whether the measure over these (already windowed, kept) orders passes; money compared in cents. */
export function orderAggregateMatches(spec: OrderSpec, orders: readonly OrderFact[]): boolean {
  const value = operand(spec, 'value');
  const total = orders.reduce((sum, o) => sum + cents(o.amount) - cents(o.refundedAmount), 0);
  const measured = spec.measure === 'count' ? orders.length : spec.measure === 'sum' ? total : orders.length ? total / orders.length : null;
  const scale = (v: number) => (spec.measure === 'count' ? v : cents(v));
  if (measured === null) return spec.op === 'ne';
  if (Array.isArray(value)) return measured >= scale(value[0]) && measured <= scale(value[1]);
  const v = scale(value);
  switch (spec.op) {
    case 'eq':
      return measured === v;
    case 'ne':
      return measured !== v;
    case 'gt':
      return measured > v;
    case 'gte':
      return measured >= v;
    case 'lt':
      return measured < v;
    default:
      return measured <= v;
  }
}

/** Whether a customer without any order in the window matches (count 0, sum 0, no average). */
export function orderMatchesZero(spec: OrderSpec): boolean {
  return orderAggregateMatches(spec, []);
}
