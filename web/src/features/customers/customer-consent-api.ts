// The consent ledger of one customer (/api/customers/:id/consents) and its TanStack Query hooks.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { Id } from '../../app/api-types';
import { customer360Keys } from './customer360-api';
import { customerPath } from './customers-api';

export const CONSENT_PURPOSES = ['marketing', 'analytics', 'sensitive_data'] as const;
/** The grid's columns; `any` entries decide them too and are recorded from the form. */
export const CONSENT_CHANNELS = ['email', 'sms', 'wecom', 'push'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number] | 'any';
export type ConsentStatus = 'granted' | 'withdrawn';

export interface ConsentEntry {
  id: number;
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  status: ConsentStatus;
  occurredAt: string;
  recordedAt: string;
  source: string;
  evidence: Record<string, unknown>;
  actorType: string;
  actorId: number | null;
}

export interface ConsentState {
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  status: ConsentStatus;
  occurredAt: string;
  entryId: number;
  decidedByChannel: ConsentChannel;
}

export interface ConsentView {
  current: ConsentState[];
  history: ConsentEntry[];
}

export interface ConsentInput {
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  status: ConsentStatus;
  evidence: Record<string, unknown>;
}

const consentKey = (id: Id) => ['customer', 'consents', String(id)] as const;

export function useConsents(customerId: Id, enabled: boolean) {
  return useQuery({
    queryKey: consentKey(customerId),
    queryFn: ({ signal }) => api.get<ConsentView>(`${customerPath(customerId)}/consents`, undefined, signal),
    enabled,
  });
}

/** Records an entry with source `ui`; the grid and the 360 view are read again. */
export function useRecordConsent(customerId: Id) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ConsentInput) => api.post<ConsentEntry>(`${customerPath(customerId)}/consents`, { ...input, source: 'ui' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: consentKey(customerId) });
      void queryClient.invalidateQueries({ queryKey: customer360Keys.view(customerId) });
    },
  });
}
