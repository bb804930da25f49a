import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../../app/api-client';
import type { Id, ListResponse } from '../../../app/api-types';

export interface AuditEntry {
  id: string | number;
  at: string;
  actorType: string;
  actorId?: string | null;
  actorName?: string | null;
  action: string;
  object?: string | null;
  recordId?: string | null;
  changes?: unknown;
  ip?: string | null;
  requestId?: string | null;
}

export interface AuditQuery {
  page: number;
  pageSize: number;
  action?: string;
  actorId?: Id;
  object?: string;
  recordId?: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  brokenAt?: string | number | null;
}

export function useAuditLog(query: AuditQuery) {
  return useQuery({
    queryKey: ['admin', 'audit', query],
    queryFn: ({ signal }) => api.get<ListResponse<AuditEntry>>('/api/admin/audit', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useVerifyAuditChain() {
  return useMutation({
    mutationFn: () => api.get<AuditVerifyResult>('/api/admin/audit/verify'),
  });
}
