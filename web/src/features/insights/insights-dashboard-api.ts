import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../app/api-client';

export interface PortraitBucketDto {
  value: string | null;
  labelZh: string;
  labelEn: string;
  customers: number;
}

export interface PortraitGroupDto {
  visible: boolean;
  buckets: PortraitBucketDto[];
}

export interface PortraitDto {
  total: number;
  province: PortraitGroupDto;
  industry: PortraitGroupDto;
  source: PortraitGroupDto;
  level: PortraitGroupDto;
}

export interface CohortDto {
  month: string;
  customers: number;
  retention: ({ offset: number; customers: number; share: number } | null)[];
}

export interface ClusterDto {
  cluster: number;
  size: number;
  customersInScope: number;
  centroid: Record<string, number>;
  radar: Record<string, number>;
  nameZh: string;
  nameEn: string;
  actionZh: string;
  actionEn: string;
  traitsZh: string;
  traitsEn: string;
}

export interface DistributionsDto {
  clv: { customers: number; bars: { from: number; to: number | null; customers: number }[] };
  churn: { customers: number; levels: { level: 'low' | 'medium' | 'high'; customers: number }[]; bands: { from: number; to: number; customers: number }[] };
  clusters: { runId: number; finishedAt: string; k: number; features: string[]; clusters: ClusterDto[] } | null;
}

/** Every answer says when its figures were computed: the server keeps them up to an hour. */
export interface Computed {
  computedAt: string;
}

type Params = Record<string, string | number>;

/**
 * An insights answer from the server's kept figures, and `refresh()` to have them recomputed now
 * (`refresh=true`); the new answer replaces the cached one.
 */
function useInsight<T extends Computed>(key: readonly unknown[], path: string, params?: Params) {
  const client = useQueryClient();
  const [refreshing, setRefreshing] = useState(false);
  const query = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<T>(path, params, signal) });
  const refresh = async () => {
    setRefreshing(true);
    try {
      client.setQueryData(key, await api.get<T>(path, { ...params, refresh: 'true' }));
    } finally {
      setRefreshing(false);
    }
  };
  return { ...query, refresh, refreshing };
}

export function usePortrait() {
  return useInsight<PortraitDto & Computed>(['insights', 'portrait'], '/api/insights/portrait');
}

export function useCohorts(months: number) {
  return useInsight<{ months: number; cohorts: CohortDto[] } & Computed>(['insights', 'cohorts', months], '/api/insights/cohorts', { months });
}

export function useDistributions() {
  return useInsight<DistributionsDto & Computed>(['insights', 'distributions'], '/api/insights/distributions');
}
