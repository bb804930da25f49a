// Segment and tag endpoints with their TanStack Query hooks.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch } from '../../app/api-client';
import type { CustomerRecord } from '../customers/customers-api';
import type { SegmentRule } from './rule-draft';

export interface Segment {
  id: number;
  name: string;
  description: string;
  kind: 'dynamic' | 'static';
  rule: SegmentRule;
  memberCount: number;
  refreshedAt: string | null;
  ownerName: string | null;
  updatedAt: string;
}

export interface SegmentInput {
  name: string;
  kind: 'dynamic' | 'static';
  rule: SegmentRule;
}

const keys = {
  all: ['segments'] as const,
  list: ['segments', 'list'] as const,
  one: (id: number) => ['segments', 'one', id] as const,
  members: (id: number, page: number) => ['segments', 'members', id, page] as const,
  preview: (rule: string) => ['segments', 'preview', rule] as const,
};

export function useSegments() {
  return useQuery({ queryKey: keys.list, queryFn: ({ signal }) => api.get<{ items: Segment[]; total: number }>('/api/segments', { pageSize: 200 }, signal) });
}

export function useSegment(id: number | undefined) {
  return useQuery({ queryKey: keys.one(id ?? 0), queryFn: ({ signal }) => api.get<Segment>(`/api/segments/${id}`, undefined, signal), enabled: Boolean(id) });
}

/** Live count and sample for a rule (already debounced by the caller). */
export function usePreview(rule: SegmentRule | null) {
  const text = rule ? JSON.stringify(rule) : '';
  return useQuery({
    queryKey: keys.preview(text),
    queryFn: () => api.post<{ count: number; sample: CustomerRecord[] }>('/api/segments/preview', { rule }),
    enabled: rule !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useMembers(id: number | undefined, page: number) {
  return useQuery({
    queryKey: keys.members(id ?? 0, page),
    queryFn: ({ signal }) => api.get<{ items: CustomerRecord[]; total: number; totalCapped: boolean }>(`/api/segments/${id}/members`, { page, pageSize: 20 }, signal),
    enabled: Boolean(id),
    placeholderData: keepPreviousData,
  });
}

export function useTags() {
  return useQuery({ queryKey: ['tags'], queryFn: ({ signal }) => api.get<{ tag: string; customers: number }[]>('/api/tags', undefined, signal), staleTime: 60_000 });
}

export function useSaveSegment(id: number | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SegmentInput) => (id ? api.put<Segment>(`/api/segments/${id}`, input) : api.post<Segment>('/api/segments', input)),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useRefreshSegment(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ entered: number; exited: number; memberCount: number }>(`/api/segments/${id}/refresh`),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useDeleteSegment() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (id: number) => api.delete(`/api/segments/${id}`), onSuccess: () => void client.invalidateQueries({ queryKey: keys.all }) });
}

/** Downloads the members as CSV (the server's audited export). */
export async function downloadMembers(id: number): Promise<void> {
  const response = await apiFetch(`/api/segments/${id}/export`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `segment-${id}.csv`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
