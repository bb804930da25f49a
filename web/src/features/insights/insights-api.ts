import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';

export interface RfmFiguresDto {
  customers: number;
  revenue: string;
  avgRecencyDays: number;
  avgFrequency: number;
  avgMonetary: number;
}

export interface RfmCellDto extends RfmFiguresDto {
  r: number;
  fm: number;
  segment: string;
}

export interface RfmSegmentDto extends RfmFiguresDto {
  segment: string;
  nameZh: string;
  nameEn: string;
  cells: string[];
}

export interface RfmGridDto {
  cells: RfmCellDto[];
  segments: RfmSegmentDto[];
  total: RfmFiguresDto;
}

export interface RfmMemberDto {
  id: number;
  name: string | null;
  recencyDays: number;
  frequency: number;
  monetary: string;
  r: number;
  f: number;
  m: number;
  segment: string;
}

export interface AnalysisRunDto {
  id: number;
  model: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  errorMessage: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** Which customers to list: a segment, or one R × FM cell. */
export type RfmMemberSelection = { segment: string } | { r: number; fm: number };

export const insightsKeys = {
  grid: ['analytics', 'rfm', 'grid'] as const,
  members: (selection: RfmMemberSelection, page: number) => ['analytics', 'rfm', 'members', selection, page] as const,
  runs: (model: string) => ['analytics', 'runs', model] as const,
  run: (id: number) => ['analytics', 'run', id] as const,
};

export function useRfmGrid(enabled: boolean) {
  return useQuery({ queryKey: insightsKeys.grid, queryFn: ({ signal }) => api.get<RfmGridDto>('/api/analytics/rfm/grid', undefined, signal), enabled });
}

export function useRfmMembers(selection: RfmMemberSelection | null, page: number) {
  return useQuery({
    queryKey: insightsKeys.members(selection ?? { segment: '' }, page),
    queryFn: ({ signal }) => api.get<{ total: number; items: RfmMemberDto[] }>('/api/analytics/rfm/customers', { ...selection, page, pageSize: 20 }, signal),
    enabled: selection !== null,
  });
}

/** The latest run of a model (null when none); not fetched without read on analysis. */
export function useLatestRun(model: string, enabled: boolean) {
  return useQuery({
    queryKey: insightsKeys.runs(model),
    queryFn: async ({ signal }) => (await api.get<{ items: AnalysisRunDto[] }>('/api/analytics/runs', { model, limit: 1 }, signal)).items[0] ?? null,
    enabled,
  });
}

/** Polls a run every second until it has finished. */
export function useRunProgress(id: number | null) {
  return useQuery({
    queryKey: insightsKeys.run(id ?? 0),
    queryFn: ({ signal }) => api.get<AnalysisRunDto>(`/api/analytics/runs/${id}`, undefined, signal),
    enabled: id !== null,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'succeeded' || status === 'failed' ? false : 1000;
    },
  });
}

export function useStartRun(model: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<AnalysisRunDto>('/api/analytics/runs', { model, params: {} }),
    onSuccess: (run) => client.setQueryData(insightsKeys.runs(model), run),
  });
}
