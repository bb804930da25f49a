// Tag definition endpoints with their TanStack Query hooks.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { SegmentRule } from '../segments/rule-draft';

export type TagLayer = 'basic' | 'behaviour' | 'predictive';
export type TagKind = 'manual' | 'rule' | 'model';
export const TAG_LAYERS: readonly TagLayer[] = ['basic', 'behaviour', 'predictive'];
/** Ant Design tag colours per layer, shared by the tags page and the 360 view. */
export const LAYER_COLOURS: Record<TagLayer, string> = { basic: 'blue', behaviour: 'green', predictive: 'purple' };

export interface ModelSource {
  score: 'churn_level' | 'rfm_segment' | 'lead_grade';
  value: string;
}

export interface TagDefinition {
  id: number;
  name: string;
  description: string;
  layer: TagLayer;
  kind: TagKind;
  rule: SegmentRule | null;
  model: ModelSource | null;
  customers: number;
  refreshedAt: string | null;
}

export interface TagInput {
  name: string;
  description?: string;
  layer: TagLayer;
  kind: TagKind;
  rule?: SegmentRule;
  model?: ModelSource;
}

export interface ModelPreset extends ModelSource {
  name: string;
  nameEn: string;
}

const all = ['tag-definitions'] as const;

export function useTagDefinitions() {
  return useQuery({ queryKey: all, queryFn: ({ signal }) => api.get<{ items: TagDefinition[]; presets: ModelPreset[] }>('/api/tags/definitions', undefined, signal) });
}

function useTagMutation<A, R>(run: (arg: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => void client.invalidateQueries({ queryKey: all }) });
}

export const useSaveTag = (id: number | undefined) => useTagMutation((input: TagInput) => (id ? api.put<TagDefinition>(`/api/tags/${id}`, input) : api.post<TagDefinition>('/api/tags', input)));
export const useDeleteTag = () => useTagMutation((id: number) => api.delete(`/api/tags/${id}`));
export const useRefreshTag = () => useTagMutation((id: number) => api.post<{ added: number; removed: number; customers: number }>(`/api/tags/${id}/refresh`));
export const useBulkTag = () => useTagMutation(({ id, segmentId }: { id: number; segmentId: number }) => api.post<{ changed: number }>(`/api/tags/${id}/bulk`, { segmentId }));
