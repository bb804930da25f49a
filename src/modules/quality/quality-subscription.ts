import type { Subscription } from '../../platform/events/index.js';
import { createdByTracking, customerIdsOf } from '../customer360/index.js';
import { type QualityDeps, refreshQualityFlags, refreshQualityRange } from './quality-recompute.js';

export const QUALITY_HANDLER = 'customer-quality';
export const QUALITY_TOPICS = ['customer.created', 'customer.updated', 'customer.deleted', 'customer.merged', 'customer.imported'] as const;

function importedRange(payload: unknown): [number, number] | null {
  const p = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  const [first, last] = [Number(p.firstId), Number(p.lastId)];
  return Number.isSafeInteger(first) && Number.isSafeInteger(last) && first > 0 && last >= first ? [first, last] : null;
}

/**
 * Outbox subscription: re-flags the customers a write touched — the ids an import created (its
 * `firstId…lastId`, in batches; rows it updated wait for the nightly run), else the event's
 * customers. Idempotent (replaces their flags).
 */
export function qualitySubscription(deps: QualityDeps): Subscription {
  return {
    handlerName: QUALITY_HANDLER,
    topics: QUALITY_TOPICS,
    // A visitor's new profile holds nothing to check; identify traits given with it come as customer.updated.
    accepts: (event) => !createdByTracking(event),
    async handle(event) {
      const range = event.topic === 'customer.imported' ? importedRange(event.payload) : null;
      if (range) await refreshQualityRange(deps, ...range);
      else if (event.topic !== 'customer.imported') await refreshQualityFlags(deps, customerIdsOf(event));
    },
  };
}
