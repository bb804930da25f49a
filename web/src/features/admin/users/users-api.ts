import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api-client';
import { type Id, itemsOf, type ListResponse } from '../../../app/api-types';
import { referenceKeys } from '../../../app/reference-data';

export type UserStatus = 'active' | 'disabled';

export interface AdminUser {
  id: Id;
  email: string;
  name: string;
  departmentId?: Id | null;
  managerId?: Id | null;
  roleIds?: Id[];
  status: UserStatus;
  locale?: string | null;
  createdAt?: string;
  lastLoginAt?: string | null;
}

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  departmentId?: Id;
  managerId?: Id;
  roleIds: Id[];
}

export interface UpdateUserInput {
  name?: string;
  departmentId?: Id | null;
  managerId?: Id | null;
  roleIds?: Id[];
  status?: UserStatus;
  password?: string;
}

const usersKey = ['admin', 'users'] as const;

export function useAdminUsers() {
  return useQuery({
    queryKey: usersKey,
    queryFn: async ({ signal }) =>
      itemsOf(await api.get<AdminUser[] | ListResponse<AdminUser>>('/api/admin/users', undefined, signal)),
  });
}

export function useSaveUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: { id: Id; input: UpdateUserInput } | { id?: undefined; input: CreateUserInput }) =>
      request.id
        ? api.patch<AdminUser>(`/api/admin/users/${request.id}`, request.input)
        : api.post<AdminUser>('/api/admin/users', request.input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: usersKey });
      void queryClient.invalidateQueries({ queryKey: referenceKeys.users });
    },
  });
}
