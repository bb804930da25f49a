import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api-client';
import { type DataScope, type Id, itemsOf, type ListResponse } from '../../../app/api-types';

export interface Role {
  id: Id;
  name: string;
  description?: string | null;
  builtin?: boolean;
}

export interface RoleObjectPermission {
  object: string;
  read: boolean;
  create: boolean;
  update: boolean;
  delete: boolean;
  export: boolean;
  dataScope: DataScope;
}

export type FieldAccess = 'hidden' | 'read' | 'edit';

export interface RoleFieldPermission {
  object: string;
  field: string;
  access: FieldAccess;
  masked: boolean;
}

export interface RolePermissions {
  objects: RoleObjectPermission[];
  fields: RoleFieldPermission[];
}

export interface RoleInput {
  name: string;
  description?: string;
}

export const roleKeys = {
  all: ['admin', 'roles'] as const,
  permissions: (id: Id) => ['admin', 'roles', id, 'permissions'] as const,
};

export function useRoles() {
  return useQuery({
    queryKey: roleKeys.all,
    queryFn: async ({ signal }) => itemsOf(await api.get<Role[] | ListResponse<Role>>('/api/admin/roles', undefined, signal)),
  });
}

export function useRolePermissions(id: Id | undefined) {
  return useQuery({
    queryKey: roleKeys.permissions(id ?? ''),
    queryFn: ({ signal }) => api.get<RolePermissions>(`/api/admin/roles/${id}/permissions`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useSaveRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: Id; input: RoleInput }) =>
      id ? api.patch<Role>(`/api/admin/roles/${id}`, input) : api.post<Role>('/api/admin/roles', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: roleKeys.all }),
  });
}

export function useDeleteRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: Id) => api.delete(`/api/admin/roles/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: roleKeys.all }),
  });
}

export function useSaveRolePermissions(id: Id) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (permissions: RolePermissions) => api.put<RolePermissions>(`/api/admin/roles/${id}/permissions`, permissions),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: roleKeys.permissions(id) });
      // The admin's own view of customer fields may depend on roles too.
      void queryClient.invalidateQueries({ queryKey: ['me'] });
      void queryClient.invalidateQueries({ queryKey: ['customer'] });
    },
  });
}
