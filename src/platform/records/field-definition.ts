import type { MaskKind } from '../crypto/index.js';

export const FIELD_TYPES = [
  'text',
  'number',
  'money',
  'date',
  'datetime',
  'select',
  'multiselect',
  'boolean',
  'phone',
  'email',
  'url',
  'user',
  'department',
  'region',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface SelectOption {
  value: string;
  labelZh: string;
  labelEn: string;
}

/** One field of an object as the data layer sees it: API key, storage, type and rules. */
export interface FieldDefinition {
  key: string;
  /** Column in the object's table; for sensitive fields the base of `<column>_enc` / `<column>_bidx`. */
  column: string;
  type: FieldType;
  labelZh: string;
  labelEn: string;
  options: SelectOption[];
  required: boolean;
  /** Maintained by the system (ids, owner, audit columns): never writable through the generic API. */
  system: boolean;
  custom: boolean;
  /** Encrypted at rest with a blind index; only equality filters; always masked on output. */
  sensitive?: MaskKind;
  /** Canonical form used before encrypting and for the blind index (e.g. mobile → E.164). */
  normalize?: (value: string) => string | null;
  maxLength?: number;
  id?: number;
}

/** An object (customer, later lead, opportunity …) the generic record layer can serve. */
export interface ObjectDefinition {
  name: string;
  table: string;
  /** Column holding the owner user id, for data scopes. */
  ownerColumn: string;
  /** Table of per-record team members `(record_column, user_id, access)`, if any. */
  team?: { table: string; recordColumn: string };
  systemFields: FieldDefinition[];
  /** Fields searched by the `q` keyword: text columns (ILIKE) and sensitive ones (exact, blind index). */
  searchFields: string[];
  /**
   * The orders lists use most (columns). Every custom field gets one composite index per column,
   * `(field, column, id)`, so "filter on a custom field, sort by one of these" reads only the page.
   * The first is the default order (created_at). More columns cost more index upkeep per write.
   */
  sortIndexColumns: string[];
  /**
   * Advisory lock class (int4) guarding the records' existence: writers that point rows at a
   * record hold it shared, removers take it exclusively (record-locks.ts). Without one, holds lock
   * the rows FOR KEY SHARE.
   */
  removalLockClass?: number;
}

/** The SQL column type a custom field of this type is stored in. */
export const COLUMN_TYPES: Record<FieldType, string> = {
  text: 'text',
  number: 'numeric',
  money: 'numeric(16,2)',
  date: 'date',
  datetime: 'timestamptz',
  select: 'text',
  multiselect: 'text[]',
  boolean: 'boolean',
  phone: 'text',
  email: 'text',
  url: 'text',
  user: 'bigint',
  department: 'bigint',
  region: 'text',
};

export const FILTER_OPERATORS = [
  'eq',
  'ne',
  'in',
  'nin',
  'contains',
  'startsWith',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'isEmpty',
  'isNotEmpty',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

const TEXTUAL: FilterOperator[] = ['eq', 'ne', 'in', 'nin', 'contains', 'startsWith', 'isEmpty', 'isNotEmpty'];
const ORDERED: FilterOperator[] = ['eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'between', 'isEmpty', 'isNotEmpty'];
const DISCRETE: FilterOperator[] = ['eq', 'ne', 'in', 'nin', 'isEmpty', 'isNotEmpty'];

/** Which operators a field accepts. Sensitive fields allow only exact matches (via the blind index). */
export function operatorsFor(field: FieldDefinition): readonly FilterOperator[] {
  if (field.sensitive) return ['eq', 'in', 'isEmpty', 'isNotEmpty'];
  switch (field.type) {
    case 'text':
    case 'phone':
    case 'email':
    case 'url':
      return TEXTUAL;
    case 'number':
    case 'money':
    case 'date':
    case 'datetime':
      return ORDERED;
    case 'multiselect':
      return ['in', 'nin', 'contains', 'isEmpty', 'isNotEmpty'];
    case 'boolean':
      return ['eq', 'isEmpty', 'isNotEmpty'];
    case 'region':
      return [...DISCRETE, 'startsWith'];
    default:
      return DISCRETE;
  }
}

export function isSortable(field: FieldDefinition): boolean {
  return !field.sensitive && field.type !== 'multiselect';
}
