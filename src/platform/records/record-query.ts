import { AppError } from '../errors/index.js';
import {
  COLUMN_TYPES,
  type FieldDefinition,
  FILTER_OPERATORS,
  type FilterOperator,
  isSortable,
  type ObjectDefinition,
  operatorsFor,
} from './field-definition.js';
import { coerceFieldValue, hasControlCharacters } from './field-values.js';

export interface Filter {
  field: string;
  op: FilterOperator;
  value?: unknown;
}

export interface ListParams {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  filters: Filter[];
  /** A further condition over `t` from another module (e.g. segment membership), built with this compiler's parameters. */
  within?: (compiler: RecordQueryCompiler) => string;
}

/** Who may see which rows: owner ids (null = all) plus per-record team membership. */
export interface RowScope {
  owners: number[] | null;
  userId: number;
  /** For writes: only team members with write access count. */
  teamAccess?: 'read' | 'write';
}

export interface CompiledWhere {
  where: string;
  params: unknown[];
}

/**
 * Turns list parameters into one parameterised WHERE clause and ORDER BY over the table aliased `t`.
 * Pure. Only the `fields` passed in exist for the caller: a hidden field is reported exactly like a
 * field that does not exist, so error messages never reveal it.
 */
/** Fields by key, kept per (frozen, shared) field list: a compiler is built on every request. */
const byKeyMemo = new WeakMap<readonly FieldDefinition[], ReadonlyMap<string, FieldDefinition>>();
function fieldsByKey(fields: readonly FieldDefinition[]): ReadonlyMap<string, FieldDefinition> {
  let byKey = byKeyMemo.get(fields);
  if (!byKey) {
    byKey = new Map(fields.map((f) => [f.key, f]));
    byKeyMemo.set(fields, byKey);
  }
  return byKey;
}

export class RecordQueryCompiler {
  private readonly params: unknown[] = [];
  private readonly byKey: ReadonlyMap<string, FieldDefinition>;

  constructor(
    private readonly object: ObjectDefinition,
    fields: readonly FieldDefinition[],
    private readonly blindIndex: (field: string, value: string) => Buffer,
  ) {
    this.byKey = fieldsByKey(fields);
  }

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get parameters(): unknown[] {
    return this.params;
  }

  field(key: string): FieldDefinition {
    const field = this.byKey.get(key);
    if (!field) throw new AppError('field.unknown', { field: key, params: { field: key } });
    return field;
  }

  scope(scope: RowScope): string {
    if (scope.owners === null) return 'TRUE';
    const owners = `t.${this.object.ownerColumn} = ANY(${this.param(scope.owners)}::bigint[])`;
    const team = this.object.team;
    if (!team) return `(${owners})`;
    const write = scope.teamAccess === 'write' ? ` AND tm.access = 'write'` : '';
    return `(${owners} OR EXISTS (SELECT 1 FROM ${team.table} tm WHERE tm.${team.recordColumn} = t.id AND tm.user_id = ${this.param(scope.userId)}::bigint${write}))`;
  }

  where(params: Pick<ListParams, 'q' | 'filters' | 'within'>, scope: RowScope): string {
    const parts = [this.scope(scope)];
    for (const filter of params.filters) parts.push(this.filter(filter));
    if (params.within) parts.push(`(${params.within(this)})`);
    if (params.q?.trim()) parts.push(this.keyword(params.q.trim()));
    return parts.join(' AND ');
  }

  orderBy(sort: string | undefined): string {
    // Default: newest first, by creation time when the caller may see it, else by id (same order).
    const spec = sort ?? (this.byKey.has('createdAt') ? '-createdAt' : '-id');
    const desc = spec.startsWith('-');
    const key = desc ? spec.slice(1) : spec;
    const field = this.field(key);
    if (!isSortable(field)) throw new AppError('field.not_sortable', { field: key, params: { field: key } });
    const dir = desc ? 'DESC' : 'ASC';
    return key === 'id' ? `t.id ${dir}` : `t.${field.column} ${dir}, t.id ${dir}`;
  }

  filter(filter: Filter): string {
    const field = this.field(filter.field);
    if (!FILTER_OPERATORS.includes(filter.op) || !operatorsFor(field).includes(filter.op)) {
      throw new AppError('field.invalid_operator', {
        field: field.key,
        params: { field: field.key, op: String(filter.op) },
      });
    }
    if (field.sensitive) return this.sensitiveFilter(field, filter);
    const col = `t.${field.column}`;
    const type = COLUMN_TYPES[field.type];
    switch (filter.op) {
      case 'isEmpty':
        return `${col} IS NULL`;
      case 'isNotEmpty':
        return `${col} IS NOT NULL`;
      case 'eq':
        return `${col} = ${this.param(this.scalar(field, filter.value))}::${type}`;
      case 'ne':
        return `${col} IS DISTINCT FROM ${this.param(this.scalar(field, filter.value))}::${type}`;
      case 'in':
      case 'nin':
        return this.membership(field, col, filter);
      case 'contains':
        if (field.type === 'multiselect') return `${col} @> ${this.param(this.list(field, filter.value))}::text[]`;
        return `${col} ILIKE ${this.param(`%${escapeLike(this.text(field, filter.value))}%`)}`;
      case 'startsWith':
        return `${col} LIKE ${this.param(`${escapeLike(this.prefix(field, filter.value))}%`)}`;
      case 'between': {
        const [low, high] = this.pair(field, filter.value);
        return `${col} BETWEEN ${this.param(low)}::${type} AND ${this.param(high)}::${type}`;
      }
      default: {
        const ops = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
        return `${col} ${ops[filter.op]} ${this.param(this.scalar(field, filter.value))}::${type}`;
      }
    }
  }

  private membership(field: FieldDefinition, col: string, filter: Filter): string {
    const values = this.list(field, filter.value);
    if (field.type === 'multiselect') {
      const overlap = `${col} && ${this.param(values)}::text[]`;
      return filter.op === 'in' ? overlap : `(${col} IS NULL OR NOT ${overlap})`;
    }
    const any = `${col} = ANY(${this.param(values)}::${COLUMN_TYPES[field.type]}[])`;
    return filter.op === 'in' ? any : `(${col} IS NULL OR NOT ${any})`;
  }

  private sensitiveFilter(field: FieldDefinition, filter: Filter): string {
    if (filter.op === 'isEmpty') return `t.${field.column}_enc IS NULL`;
    if (filter.op === 'isNotEmpty') return `t.${field.column}_enc IS NOT NULL`;
    const raw = filter.op === 'in' ? this.list(field, filter.value) : [this.scalar(field, filter.value)];
    const hashes = raw.map((v) => this.blindIndex(field.key, String(v)));
    return `t.${field.column}_bidx = ANY(${this.param(hashes)}::bytea[])`;
  }

  private keyword(q: string): string {
    const parts: string[] = [];
    for (const key of this.object.searchFields) {
      const field = this.byKey.get(key);
      if (!field) continue; // not visible to this caller: not searchable either
      if (field.sensitive) {
        const normalized = field.normalize ? field.normalize(q) : q;
        if (normalized) parts.push(`t.${field.column}_bidx = ${this.param(this.blindIndex(field.key, normalized))}`);
      } else {
        parts.push(`t.${field.column} ILIKE ${this.param(`%${escapeLike(q.slice(0, 100))}%`)}`);
      }
    }
    return parts.length ? `(${parts.join(' OR ')})` : 'FALSE';
  }

  private scalar(field: FieldDefinition, value: unknown): unknown {
    if (field.type === 'multiselect') return this.list(field, value);
    const coerced = coerceFieldValue(field, value);
    if (coerced === null) throw invalidFilter(field, 'value required');
    return coerced;
  }

  private list(field: FieldDefinition, value: unknown): unknown[] {
    if (!Array.isArray(value) || value.length === 0 || value.length > 1000) throw invalidFilter(field, 'non-empty array expected');
    const single = field.type === 'multiselect' ? { ...field, type: 'select' as const } : field;
    return value.map((v) => this.scalar(single, v));
  }

  private pair(field: FieldDefinition, value: unknown): [unknown, unknown] {
    if (!Array.isArray(value) || value.length !== 2) throw invalidFilter(field, '[from, to] expected');
    return [this.scalar(field, value[0]), this.scalar(field, value[1])];
  }

  private text(field: FieldDefinition, value: unknown): string {
    if (typeof value !== 'string' || value.length === 0 || value.length > 200) throw invalidFilter(field, 'text expected');
    if (hasControlCharacters(value)) throw invalidFilter(field, 'control characters');
    return value;
  }

  private prefix(field: FieldDefinition, value: unknown): string {
    const text = this.text(field, value);
    if (field.type === 'region' && !/^\d{1,6}$/.test(text)) throw invalidFilter(field, 'division code prefix expected');
    return text;
  }
}

function invalidFilter(field: FieldDefinition, reason: string): AppError {
  return new AppError('field.invalid_value', { field: field.key, params: { field: field.key, reason } });
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
