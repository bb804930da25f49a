import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api-client';
import { type Id, itemsOf, type ListResponse } from '../../../app/api-types';

export interface ApiKey {
  id: Id;
  name: string;
  roleId: Id;
  /** The first characters of the key (rk_ab12…), when the server shares them. */
  prefix?: string | null;
  createdAt?: string;
  expiresAt?: string | null;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}

export interface CreateApiKeyInput {
  name: string;
  roleId: Id;
  expiresAt?: string;
}

export interface CreatedApiKey {
  id: Id;
  key: string;
}

const apiKeysKey = ['admin', 'api-keys'] as const;

export function useApiKeys() {
  return useQuery({
    queryKey: apiKeysKey,
    queryFn: async ({ signal }) => itemsOf(await api.get<ApiKey[] | ListResponse<ApiKey>>('/api/admin/api-keys', undefined, signal)),
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiKeyInput) => api.post<CreatedApiKey>('/api/admin/api-keys', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: Id) => api.delete(`/api/admin/api-keys/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey }),
  });
}

export type ApiKeyStatus = 'active' | 'revoked' | 'expired';

export function apiKeyStatus(key: ApiKey, now = Date.now()): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}
