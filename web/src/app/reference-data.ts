// Option lists used by pickers and renderers everywhere (users, departments, regions).
import { useQuery } from '@tanstack/react-query';
import { api } from './api-client';
import type { DepartmentOption, RegionOption, UserOption } from './api-types';

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

/** Index a list by id for lookups while rendering tables. */
export function indexById<T extends { id: string }>(items: readonly T[] | undefined): Map<string, T> {
  return new Map((items ?? []).map((item) => [item.id, item]));
}
