// Personal-data rights of one customer: export (a JSON download) and erasure.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiFetch } from '../../app/api-client';
import type { Id } from '../../app/api-types';
import { customerKeys, customerPath } from './customers-api';

export interface ErasureResult {
  customerId: number;
  identifiersDeleted: number;
  erasedIdentifiers: number;
  eventsCleared: number;
  ordersKept: number;
  consentWithdrawals: number;
}

/** Downloads `personal-data-<id>.json` (the server audits the export). */
export async function downloadPersonalData(customerId: Id): Promise<void> {
  const response = await apiFetch(`${customerPath(customerId)}/personal-data`);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `personal-data-${customerId}.json`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Erases the person; every cached view of the customer is read again (it is now anonymous). */
export function useEraseCustomer(customerId: Id) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.post<ErasureResult>(`${customerPath(customerId)}/erase`, { reason }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['customer'] });
      void queryClient.invalidateQueries({ queryKey: customerKeys.lists });
    },
  });
}
