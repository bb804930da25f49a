// DTOs shared across features, as described in docs/api-contract.md.
import type { Locale } from './i18n/locale-storage';

/** Record ids: the API uses integers today; strings are accepted so the UI never depends on it. */
export type Id = string | number;

export type DataScope = 'self' | 'self_sub' | 'dept' | 'dept_sub' | 'all';
export const DATA_SCOPES: readonly DataScope[] = ['self', 'self_sub', 'dept', 'dept_sub', 'all'];

export interface ObjectPermission {
  read: boolean;
  create: boolean;
  update: boolean;
  delete: boolean;
  export: boolean;
  dataScope: DataScope;
}

export interface CurrentUser {
  id: Id;
  email: string;
  name: string;
  locale?: Locale | string | null;
  departmentId?: Id | null;
}

export interface MeResponse {
  user: CurrentUser;
  isAdmin: boolean;
  objects: Partial<Record<string, ObjectPermission>>;
}

export interface LoginResponse {
  token: string;
  user: CurrentUser;
}

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

export interface FieldOption {
  value: string;
  labelZh: string;
  labelEn: string;
}

export interface FieldMeta {
  key: string;
  labelZh: string;
  labelEn: string;
  type: FieldType;
  options?: FieldOption[];
  required: boolean;
  custom: boolean;
  sensitive: boolean;
  access: 'read' | 'edit';
  masked: boolean;
  filterable: boolean;
  sortable: boolean;
  system: boolean;
  /** Operators the server accepts for this field (sensitive fields: exact match only). */
  operators?: FilterOp[];
}

export interface ListResponse<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  totalCapped: boolean;
}

export type FilterOp =
  | 'eq'
  | 'ne'
  | 'in'
  | 'nin'
  | 'contains'
  | 'startsWith'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'between'
  | 'isEmpty'
  | 'isNotEmpty';

export type FilterValue = string | number | boolean | null | Array<string | number>;

export interface FilterCondition {
  field: string;
  op: FilterOp;
  value?: FilterValue;
}

export interface UserOption {
  id: Id;
  name: string;
  departmentId?: Id | null;
}

export interface DepartmentOption {
  id: Id;
  name: string;
  parentId?: Id | null;
}

export interface RegionOption {
  code: string;
  name: string;
  parentCode?: string | null;
}

/** Admin collections may come as a bare array or as a page ({items,…}); both are accepted. */
export function itemsOf<T>(data: T[] | ListResponse<T> | undefined): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : data.items;
}
