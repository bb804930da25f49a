// The duplicate review queue (/api/duplicates) and its TanStack Query hooks.
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import { type CustomerRecord, customerKeys, customerPath } from '../customers/customers-api';

export type DuplicateStatus = 'pending' | 'accepted' | 'dismissed';
export const DUPLICATE_STATUSES: readonly DuplicateStatus[] = ['pending', 'accepted', 'dismissed'];

export interface DuplicatePair {
  id: number;
  customerA: number;
  customerB: number;
  score: number;
  /** Fields that agreed: `mobile:exact`, `name:fuzzy:0.93` … */
  reasons: string[];
  status: DuplicateStatus;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: number | null;
}

export interface DuplicatePage {
  items: DuplicatePair[];
  page: number;
  pageSize: number;
  total: number;
}

export interface ScanResult {
  customers: number;
  candidatePairs: number;
  matches: number;
  inserted: number;
  seconds: number;
}

const duplicateKeys = {
  all: ['duplicates'] as const,
  list: (status: DuplicateStatus, page: number, pageSize: number) => ['duplicates', status, page, pageSize] as const,
};

export function useDuplicates(status: DuplicateStatus, page: number, pageSize: number) {
  return useQuery({
    queryKey: duplicateKeys.list(status, page, pageSize),
    queryFn: ({ signal }) => api.get<DuplicatePage>('/api/duplicates', { status, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

/**
 * The customers of the shown pairs, as the API shows them to the caller (masked values stay
 * masked). One request per distinct customer, shared with the detail page's cache; a customer
 * merged away or out of scope answers 404 and is shown as such.
 */
export function usePairCustomers(pairs: readonly DuplicatePair[]) {
  const ids = [...new Set(pairs.flatMap((p) => [p.customerA, p.customerB]))];
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: customerKeys.detail(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<CustomerRecord>(customerPath(id), undefined, signal),
      retry: false,
    })),
  });
  const byId = new Map<number, { record?: CustomerRecord; missing: boolean; loading: boolean }>();
  ids.forEach((id, i) => {
    const r = results[i];
    byId.set(id, { record: r?.data, missing: r?.isError ?? false, loading: r?.isPending ?? true });
  });
  return byId;
}

/** Accept (merge), dismiss or scan; afterwards the queue and customer lists are re-read. */
export function useDuplicateActions() {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: duplicateKeys.all });
    void queryClient.invalidateQueries({ queryKey: customerKeys.lists });
  };
  const accept = useMutation({
    mutationFn: (pair: DuplicatePair) => api.post<DuplicatePair>(`/api/duplicates/${pair.id}/accept`),
    onSuccess: (_result, pair) => {
      queryClient.removeQueries({ queryKey: customerKeys.detail(pair.customerA) });
      queryClient.removeQueries({ queryKey: customerKeys.detail(pair.customerB) });
      refresh();
    },
  });
  const dismiss = useMutation({ mutationFn: (pair: DuplicatePair) => api.post<DuplicatePair>(`/api/duplicates/${pair.id}/dismiss`), onSuccess: refresh });
  const scan = useMutation({ mutationFn: () => api.post<ScanResult>('/api/duplicates/scan'), onSuccess: refresh });
  return { accept, dismiss, scan };
}
