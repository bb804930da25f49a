import { RuleError, type ValueOperator } from './segment-rule.js';

/**
 * Scores, traits and order aggregates compared with a value. One definition of each operator serves
 * both the SQL compiler and the in-memory evaluator, so they cannot drift apart.
 */
export type ValueKind = 'text' | 'number' | 'datetime';

export interface Subject {
  column: string;
  kind: ValueKind;
}

/** `customer_scores` columns a rule may test (migration 012). */
export const SCORE_SUBJECTS: Readonly<Record<string, Subject>> = {
  rfm_segment: { column: 'rfm_segment', kind: 'text' },
  rfm_r: { column: 'rfm_r', kind: 'number' },
  rfm_f: { column: 'rfm_f', kind: 'number' },
  rfm_m: { column: 'rfm_m', kind: 'number' },
  cluster: { column: 'cluster_id', kind: 'number' },
  churn_level: { column: 'churn_level', kind: 'text' },
  churn_risk: { column: 'churn_risk', kind: 'number' },
  lead_grade: { column: 'lead_grade', kind: 'text' },
  lead_points: { column: 'lead_points', kind: 'number' },
  clv_p_alive: { column: 'clv_p_alive', kind: 'number' },
  clv_value_12m: { column: 'clv_value_12m', kind: 'number' },
};

/** `customer_traits` columns a rule may test (migration 008). */
export const TRAIT_SUBJECTS: Readonly<Record<string, Subject>> = {
  first_seen_at: { column: 'first_seen_at', kind: 'datetime' },
  last_seen_at: { column: 'last_seen_at', kind: 'datetime' },
  last_order_at: { column: 'last_order_at', kind: 'datetime' },
  order_count: { column: 'order_count', kind: 'number' },
  order_total: { column: 'order_total', kind: 'number' },
  average_order_value: { column: 'average_order_value', kind: 'number' },
  average_purchase_interval_days: { column: 'average_purchase_interval_days', kind: 'number' },
};

const OPERATORS: Record<ValueKind, readonly ValueOperator[]> = {
  text: ['eq', 'ne', 'in', 'nin', 'isEmpty', 'isNotEmpty'],
  number: ['eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'between', 'isEmpty', 'isNotEmpty'],
  datetime: ['gt', 'gte', 'lt', 'lte', 'between', 'isEmpty', 'isNotEmpty', 'withinDays', 'notWithinDays'],
};

export function operatorsForKind(kind: ValueKind): readonly ValueOperator[] {
  return OPERATORS[kind];
}

/** The positive operator a negative one is the complement of (a missing value matches negatives). */
const NEGATION: Partial<Record<ValueOperator, PositiveOperator>> = { ne: 'eq', nin: 'in', isEmpty: 'isNotEmpty', notWithinDays: 'withinDays' };
export type PositiveOperator = Exclude<ValueOperator, 'ne' | 'nin' | 'isEmpty' | 'notWithinDays'>;

export function splitNegation(op: ValueOperator): { positive: PositiveOperator; negated: boolean } {
  const positive = NEGATION[op];
  return positive ? { positive, negated: true } : { positive: op as PositiveOperator, negated: false };
}

/** A checked comparison value: scalar (number | string | Date), list, pair, or a day count. */
export type Operand = number | string | Date | Array<number | string> | [number | Date, number | Date] | null;

function scalar(kind: ValueKind, value: unknown, path: string): number | string | Date {
  if (kind === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) >= 1e13) throw new RuleError(path, 'number expected');
    return value;
  }
  if (kind === 'datetime') {
    const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) throw new RuleError(path, 'ISO date or date-time expected');
    return date;
  }
  if (typeof value !== 'string' || value === '' || value.length > 200) throw new RuleError(path, 'text expected');
  return value;
}

/** Checks `value` for `op` on a subject of `kind`; throws RuleError at `path` (the `.value`). */
export function checkOperand(kind: ValueKind, op: PositiveOperator, value: unknown, path: string): Operand {
  switch (op) {
    case 'isNotEmpty':
      return null;
    case 'withinDays':
      if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 3660) throw new RuleError(path, 'whole number of days 1–3660 expected');
      return value as number;
    case 'in':
      if (!Array.isArray(value) || value.length === 0 || value.length > 1000) throw new RuleError(path, 'non-empty array expected');
      return value.map((v, i) => scalar(kind, v, `${path}[${i}]`) as number | string);
    case 'between':
      if (!Array.isArray(value) || value.length !== 2) throw new RuleError(path, '[from, to] expected');
      return [scalar(kind, value[0], `${path}[0]`) as number | Date, scalar(kind, value[1], `${path}[1]`) as number | Date];
    default:
      return scalar(kind, value, path);
  }
}

const DAY_MS = 86_400_000;
const SQL_COMPARE = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** SQL for the positive operator on `expr`; `param` adds a parameter and returns its placeholder. */
export function positiveSql(expr: string, kind: ValueKind, op: PositiveOperator, operand: Operand, now: Date, param: (v: unknown) => string): string {
  const type = kind === 'number' ? 'numeric' : kind === 'datetime' ? 'timestamptz' : 'text';
  switch (op) {
    case 'isNotEmpty':
      return `${expr} IS NOT NULL`;
    case 'withinDays':
      return `(${expr} > ${param(new Date(now.getTime() - (operand as number) * DAY_MS))}::timestamptz AND ${expr} <= ${param(now)}::timestamptz)`;
    case 'in':
      return `${expr} = ANY(${param(operand)}::${type}[])`;
    case 'between': {
      const [low, high] = operand as [unknown, unknown];
      return `${expr} BETWEEN ${param(low)}::${type} AND ${param(high)}::${type}`;
    }
    default:
      return `${expr} ${SQL_COMPARE[op]} ${param(operand)}::${type}`;
  }
}

function comparable(value: unknown): number | string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  return typeof value === 'string' && value !== '' && !Number.isNaN(Number(value)) ? Number(value) : (value as number | string);
}

/** The same positive operator on a plain value (null never matches a positive operator). */
export function positiveMatches(actual: unknown, op: PositiveOperator, operand: Operand, now: Date): boolean {
  const a = comparable(actual) as number; // strings compare the same way; the cast only names one type
  if (a === null) return false;
  switch (op) {
    case 'isNotEmpty':
      return true;
    case 'withinDays':
      return (a as number) > now.getTime() - (operand as number) * DAY_MS && (a as number) <= now.getTime();
    case 'in':
      return (operand as unknown[]).some((v) => comparable(v) === a);
    case 'between': {
      const [low, high] = (operand as unknown[]).map(comparable) as [number, number];
      return a >= low && a <= high;
    }
    case 'eq':
      return a === comparable(operand);
    case 'gt':
      return a > (comparable(operand) as number);
    case 'gte':
      return a >= (comparable(operand) as number);
    case 'lt':
      return a < (comparable(operand) as number);
    default:
      return a <= (comparable(operand) as number);
  }
}
