// Merge, preview, merge history and unmerge endpoints (src/modules/ingest/merge-routes.ts) and their hooks.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { Id } from '../../app/api-types';
import { customerPath } from './customers-api';

export type MergeStrategy = 'most_recent' | 'oldest' | 'non_empty' | 'union';

export interface MergePreview {
  masterId: number;
  customers: { id: number; name: string; createdAt: string; updatedAt: string; master: boolean }[];
  fields: {
    key: string;
    labelZh: string;
    labelEn: string;
    type: string;
    strategy: MergeStrategy;
    strategies: MergeStrategy[];
    values: { customerId: number; value: unknown }[];
    results: Record<string, unknown>;
    result: unknown;
  }[];
}

export interface MergeRecord {
  id: number;
  masterId: number;
  mergedId: number;
  mergedName: string;
  via: 'manual' | 'duplicate_review' | 'tracking';
  mergedAt: string;
  actorName: string | null;
  unmergedAt: string | null;
  moved: Record<string, number>;
  undoable: boolean;
}

export const mergeKeys = { history: (id: Id) => ['customer', 'merges', String(id)] as const };

export function previewMerge(id: Id, otherIds: number[]): Promise<MergePreview> {
  return api.post<MergePreview>(`${customerPath(id)}/merge/preview`, { otherIds });
}

export function useMergeHistory(id: Id) {
  return useQuery({ queryKey: mergeKeys.history(id), queryFn: () => api.get<{ items: MergeRecord[] }>(`${customerPath(id)}/merges`) });
}

/** Merge and unmerge change several customers: every customer query is refreshed. */
export function useMergeMutations() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['customer'] });
  const merge = useMutation({
    mutationFn: (input: { id: Id; otherIds: number[]; strategies: Record<string, MergeStrategy> }) =>
      api.post<{ masterId: number; mergedIds: number[] }>(`${customerPath(input.id)}/merge`, { otherIds: input.otherIds, strategies: input.strategies }),
    onSuccess: refresh,
  });
  const unmerge = useMutation({
    mutationFn: (mergeId: number) => api.post<{ masterId: number; restoredId: number }>(`/api/customers/merges/${mergeId}/unmerge`),
    onSuccess: refresh,
  });
  return { merge, unmerge };
}
