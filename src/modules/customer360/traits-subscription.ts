import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/index.js';
import type { OutboxEvent, Subscription } from '../../platform/events/index.js';
import { computeTraits } from './traits-repository.js';

export const TRAITS_HANDLER = 'customer-traits';
export const TRAITS_TOPICS = ['customer.*', 'event.ingested', 'order.*'] as const;

function positiveIds(values: unknown[]): number[] {
  return values.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
}

/**
 * The customers whose traits an event touches: `event.ingested` carries `customerIds`; a merge
 * names the master and the merged ids (whose traits rows go away); otherwise the payload's
 * `customerId`, or the aggregate id when the aggregate is a customer.
 */
export function customerIdsOf(event: Pick<OutboxEvent, 'topic' | 'aggregateType' | 'aggregateId' | 'payload'>): number[] {
  const payload = (event.payload && typeof event.payload === 'object' ? event.payload : {}) as Record<string, unknown>;
  const ids: unknown[] = [];
  if (Array.isArray(payload.customerIds)) ids.push(...payload.customerIds);
  if (Array.isArray(payload.mergedIds)) ids.push(...payload.mergedIds);
  if (payload.masterId !== undefined) ids.push(payload.masterId);
  if (payload.customerId !== undefined) ids.push(payload.customerId);
  if (event.aggregateType === 'customer') ids.push(event.aggregateId);
  return [...new Set(positiveIds(ids))].sort((a, b) => a - b);
}

type EventHead = Pick<OutboxEvent, 'topic' | 'aggregateType' | 'aggregateId' | 'payload'>;

/**
 * A customer the tracking API created for a visitor (`customer.created` with the source's id): the
 * same transaction's `event.ingested` names it, so a subscription that handles both has nothing
 * more to do for this one. At sustained ingest these were most of the outbox (one per new visitor).
 */
export function createdByTracking(event: EventHead): boolean {
  const payload = (event.payload && typeof event.payload === 'object' ? event.payload : {}) as Record<string, unknown>;
  return event.topic === 'customer.created' && typeof payload.sourceId === 'number';
}

/**
 * Outbox subscription `customer-traits`: recomputes the traits of the customers an event touches.
 * Idempotent (an upsert from the current state), so redeliveries and reordering are harmless.
 */
export function traitsSubscription(deps: { db: Database; clock: Clock }): Subscription {
  return {
    handlerName: TRAITS_HANDLER,
    topics: TRAITS_TOPICS,
    // Traits come from events and orders only: profile edits (customer.updated) change none of them.
    accepts: (event) => event.topic !== 'customer.updated' && !createdByTracking(event),
    async handle(event) {
      const ids = customerIdsOf(event);
      if (ids.length > 0) await computeTraits(deps.db, ids, deps.clock.now());
    },
  };
}
