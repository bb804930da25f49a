import { useQuery } from '@tanstack/react-query';
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

export function usePortrait() {
  return useQuery({ queryKey: ['insights', 'portrait'], queryFn: ({ signal }) => api.get<PortraitDto>('/api/insights/portrait', undefined, signal) });
}

export function useCohorts(months: number) {
  return useQuery({ queryKey: ['insights', 'cohorts', months], queryFn: ({ signal }) => api.get<{ months: number; cohorts: CohortDto[] }>('/api/insights/cohorts', { months }, signal) });
}

export function useDistributions() {
  return useQuery({ queryKey: ['insights', 'distributions'], queryFn: ({ signal }) => api.get<DistributionsDto>('/api/insights/distributions', undefined, signal) });
}
