import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api-client';
import { type FieldOption, type FieldType, type Id, itemsOf, type ListResponse } from '../../../app/api-types';
import { customerKeys } from '../../customers/customers-api';

export interface CustomField {
  id: Id;
  object: string;
  /** As created (budget); the API record property is cf_budget. */
  key: string;
  labelZh: string;
  labelEn: string;
  type: FieldType;
  options?: FieldOption[] | null;
  required: boolean;
  createdAt?: string;
}

export interface CreateCustomFieldInput {
  object: 'customer';
  key: string;
  labelZh: string;
  labelEn: string;
  type: FieldType;
  options?: FieldOption[];
  required?: boolean;
}

export type UpdateCustomFieldInput = Partial<Pick<CreateCustomFieldInput, 'labelZh' | 'labelEn' | 'options' | 'required'>>;

export const CUSTOM_FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;

const customFieldsKey = ['admin', 'custom-fields', 'customer'] as const;

export function useCustomFields() {
  return useQuery({
    queryKey: customFieldsKey,
    queryFn: async ({ signal }) =>
      itemsOf(
        await api.get<CustomField[] | ListResponse<CustomField>>('/api/admin/custom-fields', { object: 'customer' }, signal),
      ),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: customFieldsKey });
    // Customer forms, tables and the role editor read the field list.
    void queryClient.invalidateQueries({ queryKey: customerKeys.fields });
  };
}

export function useSaveCustomField() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (request: { id: Id; input: UpdateCustomFieldInput } | { id?: undefined; input: CreateCustomFieldInput }) =>
      request.id
        ? api.patch<CustomField>(`/api/admin/custom-fields/${request.id}`, request.input)
        : api.post<CustomField>('/api/admin/custom-fields', request.input),
    onSuccess: invalidate,
  });
}

export function useDeleteCustomField() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: Id) => api.delete(`/api/admin/custom-fields/${id}`),
    onSuccess: invalidate,
  });
}
