// The customer 360 view and timeline endpoints and their TanStack Query hooks.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { Id } from '../../app/api-types';
import { customerPath } from './customers-api';

export type TimelineKind = 'event' | 'order' | 'change';
export const TIMELINE_KINDS: readonly TimelineKind[] = ['event', 'order', 'change'];

export interface TimelineItem {
  kind: TimelineKind;
  at: string;
  id: number;
  title: string;
  details: Record<string, unknown>;
}

export interface TimelinePage {
  items: TimelineItem[];
  nextCursor: string | null;
}

export interface CustomerTraits {
  eventCounts: Record<string, { '7d': number; '30d': number; '90d': number }>;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  lastOrderAt: string | null;
  orderCount: number;
  orderTotal: string;
  averageOrderValue: string | null;
  averagePurchaseIntervalDays: string | null;
  computedAt: string;
}

export interface Customer360 {
  identifiers: { type: string; value: string | null; createdAt: string }[];
  consents: { purpose: string; channel: string; status: string; occurredAt: string }[];
  traits: CustomerTraits | null;
  owner: { id: number; name: string | null } | null;
  tags: { tag: string; layer: 'basic' | 'behaviour' | 'predictive'; source: 'manual' | 'rule' | 'model' }[];
  segments: { id: number; name: string; kind: 'dynamic' | 'static'; enteredAt: string }[];
  /** Model results; null before any analysis run (see src/modules/analytics customer-scores-repository). */
  scores: {
    rfm: { r: number; f: number; m: number; segment: string; nameZh: string; nameEn: string } | null;
    cluster: { clusterId: number } | null;
    clv: { pAlive: number | null; value12m: string | null } | null;
    churn: { risk: number | null; level: string | null; reasons: string[] } | null;
    lead: { grade: string | null; points: number | null } | null;
  } | null;
}

export const customer360Keys = {
  view: (id: Id) => ['customer', '360', String(id)] as const,
  timeline: (id: Id, kinds: readonly TimelineKind[]) => ['customer', 'timeline', String(id), [...kinds]] as const,
};

export function useCustomer360(id: Id, enabled: boolean) {
  return useQuery({
    queryKey: customer360Keys.view(id),
    queryFn: ({ signal }) => api.get<Customer360>(`${customerPath(id)}/360`, undefined, signal),
    enabled,
  });
}

export function useCustomerTimeline(id: Id, kinds: readonly TimelineKind[], enabled: boolean) {
  return useInfiniteQuery({
    queryKey: customer360Keys.timeline(id, kinds),
    queryFn: ({ signal, pageParam }) =>
      api.get<TimelinePage>(`${customerPath(id)}/timeline`, { limit: 20, kinds: kinds.join(','), cursor: pageParam || undefined }, signal),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: enabled && kinds.length > 0,
  });
}
