// Which filter operators make sense for each field type, and what kind of value each one takes.
import type { FieldType, FilterOp } from '../../app/api-types';

const textOps: FilterOp[] = ['contains', 'eq', 'ne', 'startsWith', 'isEmpty', 'isNotEmpty'];
const rangeOps: FilterOp[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'isEmpty', 'isNotEmpty'];
const timeOps: FilterOp[] = ['gte', 'lte', 'gt', 'lt', 'between', 'isEmpty', 'isNotEmpty'];
const choiceOps: FilterOp[] = ['eq', 'ne', 'in', 'nin', 'isEmpty', 'isNotEmpty'];

export const OPERATORS_BY_TYPE: Record<FieldType, FilterOp[]> = {
  text: textOps,
  phone: textOps,
  email: textOps,
  url: textOps,
  number: rangeOps,
  money: rangeOps,
  date: ['eq', ...timeOps],
  datetime: timeOps,
  select: choiceOps,
  multiselect: ['in', 'nin', 'isEmpty', 'isNotEmpty'],
  boolean: ['eq'],
  user: choiceOps,
  department: ['eq', 'ne', 'isEmpty', 'isNotEmpty'],
  region: ['eq', 'ne', 'isEmpty', 'isNotEmpty'],
};

export type OperandKind = 'none' | 'single' | 'list' | 'range';

export function operandKind(op: FilterOp): OperandKind {
  switch (op) {
    case 'isEmpty':
    case 'isNotEmpty':
      return 'none';
    case 'in':
    case 'nin':
      return 'list';
    case 'between':
      return 'range';
    default:
      return 'single';
  }
}

/**
 * The server's list for this field when it sends one (it knows which fields are encrypted and so
 * allow exact matches only), in the UI's order; otherwise the list for the type.
 */
export function operatorsFor(field: { type: FieldType; operators?: FilterOp[] }): FilterOp[] {
  const byType = OPERATORS_BY_TYPE[field.type] ?? textOps;
  if (!field.operators) return byType;
  const allowed = new Set(field.operators);
  return byType.filter((op) => allowed.has(op));
}
