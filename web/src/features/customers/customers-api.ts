// Customer endpoints and their TanStack Query hooks.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch, type QueryParams } from '../../app/api-client';
import type { FieldMeta, Id, ListResponse } from '../../app/api-types';

/** A customer as the API returns it: standard fields, cf_* custom fields, plus ownerName. */
export type CustomerRecord = { id: Id; ownerName?: string | null } & Record<string, unknown>;
export type CustomerInput = Record<string, unknown>;

export interface CustomerListParams {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  /** The JSON-encoded filter array, exactly as the API takes it. */
  filter?: string;
}

export interface RevealResult {
  field: string;
  value: unknown;
}

export const customerKeys = {
  fields: ['customer', 'fields'] as const,
  lists: ['customer', 'list'] as const,
  list: (params: CustomerListParams) => ['customer', 'list', params] as const,
  detail: (id: Id) => ['customer', 'detail', String(id)] as const,
};

export function customerPath(id: Id): string {
  return `/api/customers/${encodeURIComponent(String(id))}`;
}

export function toQueryParams(params: CustomerListParams): QueryParams {
  return { page: params.page, pageSize: params.pageSize, sort: params.sort, q: params.q, filter: params.filter };
}

export function useCustomerFields() {
  return useQuery({
    queryKey: customerKeys.fields,
    queryFn: ({ signal }) => api.get<FieldMeta[]>('/api/objects/customer/fields', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useCustomerList(params: CustomerListParams, enabled = true) {
  return useQuery({
    queryKey: customerKeys.list(params),
    queryFn: ({ signal }) => api.get<ListResponse<CustomerRecord>>('/api/customers', toQueryParams(params), signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCustomer(id: Id) {
  return useQuery({
    queryKey: customerKeys.detail(id),
    queryFn: ({ signal }) => api.get<CustomerRecord>(`${customerPath(id)}`, undefined, signal),
  });
}

/** After any write: lists may have changed and the record itself is fresh. */
function useCustomerWriteEffects() {
  const queryClient = useQueryClient();
  return (record?: CustomerRecord) => {
    void queryClient.invalidateQueries({ queryKey: customerKeys.lists });
    if (record) queryClient.setQueryData(customerKeys.detail(record.id), record);
  };
}

export function useCreateCustomer() {
  const afterWrite = useCustomerWriteEffects();
  return useMutation({
    mutationFn: (input: CustomerInput) => api.post<CustomerRecord>('/api/customers', input),
    onSuccess: (record) => afterWrite(record),
  });
}

export function useUpdateCustomer(id: Id) {
  const afterWrite = useCustomerWriteEffects();
  return useMutation({
    mutationFn: (changes: CustomerInput) => api.patch<CustomerRecord>(`${customerPath(id)}`, changes),
    onSuccess: (record) => afterWrite(record),
  });
}

export function useDeleteCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: Id) => api.delete(customerPath(id)),
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: customerKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: customerKeys.lists });
    },
  });
}

export function useTransferCustomer(id: Id) {
  const afterWrite = useCustomerWriteEffects();
  return useMutation({
    mutationFn: (ownerId: Id) =>
      api.post<CustomerRecord>(`${customerPath(id)}/transfer`, { ownerId }),
    onSuccess: (record) => afterWrite(record),
  });
}

export function revealCustomerField(id: Id, field: string): Promise<RevealResult> {
  return api.post<RevealResult>(`${customerPath(id)}/reveal`, { field });
}

/** Downloads the CSV export for the current search, sort and filters (all matching rows, not one page). */
export async function downloadCustomerExport(params: CustomerListParams): Promise<void> {
  const query: QueryParams = { sort: params.sort, q: params.q, filter: params.filter };
  const response = await apiFetch('/api/customers/export', { query });
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const fileName = match?.[1] ? decodeURIComponent(match[1]) : `customers-${new Date().toISOString().slice(0, 10)}.csv`;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
