import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { Id, ListResponse } from '../../app/api-types';

/** How many customers the caller can see, optionally only those owned by ownerId (pageSize=1 → total). */
export function useCustomerCount(ownerId: Id | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['customer', 'list', 'count', ownerId ?? 'all'],
    queryFn: async ({ signal }) => {
      const filter = ownerId ? JSON.stringify([{ field: 'ownerId', op: 'eq', value: ownerId }]) : undefined;
      const page = await api.get<ListResponse<unknown>>('/api/customers', { page: 1, pageSize: 1, filter }, signal);
      return page.total;
    },
    enabled,
  });
}
