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
  multiselect: ['contains', 'in', 'nin', 'isEmpty', 'isNotEmpty'],
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

export function operatorsFor(type: FieldType): FilterOp[] {
  return OPERATORS_BY_TYPE[type] ?? textOps;
}
