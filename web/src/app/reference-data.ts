// Option lists used by pickers and renderers everywhere (users, departments, regions).
import { useQuery } from '@tanstack/react-query';
import { api } from './api-client';
import type { DepartmentOption, Id, RegionOption, UserOption } from './api-types';

const REFERENCE_STALE_MS = 5 * 60_000;

export const referenceKeys = {
  users: ['reference', 'users'] as const,
  departments: ['reference', 'departments'] as const,
  regions: ['reference', 'regions'] as const,
};

export function useUserOptions() {
  return useQuery({
    queryKey: referenceKeys.users,
    queryFn: ({ signal }) => api.get<UserOption[]>('/api/users/options', undefined, signal),
    staleTime: REFERENCE_STALE_MS,
  });
}

export function useDepartmentOptions() {
  return useQuery({
    queryKey: referenceKeys.departments,
    queryFn: ({ signal }) => api.get<DepartmentOption[]>('/api/departments/options', undefined, signal),
    staleTime: REFERENCE_STALE_MS,
  });
}

export function useRegions(enabled = true) {
  return useQuery({
    queryKey: referenceKeys.regions,
    queryFn: ({ signal }) => api.get<RegionOption[]>('/api/regions', undefined, signal),
    staleTime: 60 * 60_000,
    enabled,
  });
}

export type Lookup<T> = (id: Id | null | undefined) => T | undefined;

/** Index a list by id for lookups while rendering tables; 7 and "7" find the same item. */
export function indexById<T extends { id: Id }>(items: readonly T[] | undefined): Lookup<T> {
  const byId = new Map((items ?? []).map((item) => [String(item.id), item]));
  return (id) => (id === null || id === undefined ? undefined : byId.get(String(id)));
}
