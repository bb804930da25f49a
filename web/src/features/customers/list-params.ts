// The customer list state lives in the URL (?page=2&sort=-createdAt&q=…&filter=[…]) so it survives
// reloads, back navigation and can be shared; the same parameters go to the API unchanged.
import type { FilterCondition } from '../../app/api-types';
import type { CustomerListParams } from './customers-api';

export const DEFAULT_PAGE_SIZE = 20;
export const PAGE_SIZES = [10, 20, 50, 100, 200];

function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 1 ? Math.min(parsed, max) : fallback;
}

export function readListParams(search: URLSearchParams): CustomerListParams {
  return {
    page: positiveInt(search.get('page'), 1),
    pageSize: positiveInt(search.get('pageSize'), DEFAULT_PAGE_SIZE, 200),
    sort: search.get('sort') || undefined,
    q: search.get('q') || undefined,
    filter: search.get('filter') || undefined,
  };
}

export function writeListParams(params: CustomerListParams): URLSearchParams {
  const search = new URLSearchParams();
  if (params.page !== 1) search.set('page', String(params.page));
  if (params.pageSize !== DEFAULT_PAGE_SIZE) search.set('pageSize', String(params.pageSize));
  if (params.sort) search.set('sort', params.sort);
  if (params.q) search.set('q', params.q);
  if (params.filter) search.set('filter', params.filter);
  return search;
}

export function parseFilters(filter: string | undefined): FilterCondition[] {
  if (!filter) return [];
  try {
    const parsed: unknown = JSON.parse(filter);
    return Array.isArray(parsed)
      ? parsed.filter((item): item is FilterCondition => typeof item === 'object' && item !== null && 'field' in item && 'op' in item)
      : [];
  } catch {
    return [];
  }
}

export function serializeFilters(filters: readonly FilterCondition[]): string | undefined {
  return filters.length > 0 ? JSON.stringify(filters) : undefined;
}

/** sort=name → { field: 'name', order: 'ascend' }; sort=-name → descend. */
export function parseSort(sort: string | undefined): { field: string; order: 'ascend' | 'descend' } | undefined {
  if (!sort) return undefined;
  return sort.startsWith('-') ? { field: sort.slice(1), order: 'descend' } : { field: sort, order: 'ascend' };
}

export function formatSort(field: string | undefined, order: 'ascend' | 'descend' | null | undefined): string | undefined {
  if (!field || !order) return undefined;
  return order === 'descend' ? `-${field}` : field;
}
