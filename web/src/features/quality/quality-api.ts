import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';

export type QualityField = 'mobile' | 'email' | 'idNumber' | 'name' | 'address' | 'region' | 'creditCode';

export interface FieldQuality {
  field: QualityField;
  total: number;
  filled: number;
  invalid: number;
  suspicious: number;
  duplicate: number | null;
  filledShare: number;
  invalidShare: number;
  duplicateShare: number | null;
  examples: { invalid: number[]; suspicious: number[]; duplicate: number[] };
}

export interface QualityReport {
  total: number;
  fields: FieldQuality[];
  lastRun: { finishedAt: string; customers: number; flags: number; seconds: number } | null;
}

const reportKey = ['quality', 'report'] as const;

export function useQualityReport(enabled: boolean) {
  return useQuery({ queryKey: reportKey, queryFn: ({ signal }) => api.get<QualityReport>('/api/quality/report', undefined, signal), enabled });
}

export function useRecomputeQuality() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ jobId: number }>('/api/quality/recompute'),
    onSuccess: () => client.invalidateQueries({ queryKey: reportKey }),
  });
}

/** Customer field key the list filters on (region is stored as regionCode). */
const LIST_FIELD: Record<QualityField, string> = {
  mobile: 'mobile',
  email: 'email',
  idNumber: 'idNumber',
  name: 'name',
  address: 'address',
  region: 'regionCode',
  creditCode: 'creditCode',
};

/** The customer list filtered to these ids, or to customers where the field is empty. */
export function customerListLink(target: { ids: number[] } | { emptyField: QualityField }): string {
  const filter = 'ids' in target ? [{ field: 'id', op: 'in', value: target.ids }] : [{ field: LIST_FIELD[target.emptyField], op: 'isEmpty' }];
  return `/customers?filter=${encodeURIComponent(JSON.stringify(filter))}`;
}
