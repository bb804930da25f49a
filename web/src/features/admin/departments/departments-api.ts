import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api-client';
import { type Id, itemsOf, type ListResponse } from '../../../app/api-types';
import { referenceKeys } from '../../../app/reference-data';

export interface Department {
  id: Id;
  name: string;
  parentId?: Id | null;
}

const departmentsKey = ['admin', 'departments'] as const;

export function useAdminDepartments() {
  return useQuery({
    queryKey: departmentsKey,
    queryFn: async ({ signal }) =>
      itemsOf(await api.get<Department[] | ListResponse<Department>>('/api/admin/departments', undefined, signal)),
  });
}

function useInvalidateDepartments() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: departmentsKey });
    void queryClient.invalidateQueries({ queryKey: referenceKeys.departments });
  };
}

export function useCreateDepartment() {
  const invalidate = useInvalidateDepartments();
  return useMutation({
    mutationFn: (input: { name: string; parentId?: Id }) => api.post<Department>('/api/admin/departments', input),
    onSuccess: invalidate,
  });
}

export function useRenameDepartment() {
  const invalidate = useInvalidateDepartments();
  return useMutation({
    mutationFn: ({ id, name }: { id: Id; name: string }) => api.patch<Department>(`/api/admin/departments/${id}`, { name }),
    onSuccess: invalidate,
  });
}

export function useDeleteDepartment() {
  const invalidate = useInvalidateDepartments();
  return useMutation({
    mutationFn: (id: Id) => api.delete(`/api/admin/departments/${id}`),
    onSuccess: invalidate,
  });
}
