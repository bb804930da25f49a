import type { Subscription } from '../../platform/events/index.js';
import { customerIdsOf } from '../customer360/index.js';
import { type QualityDeps, refreshQualityFlags } from './quality-recompute.js';

export const QUALITY_HANDLER = 'customer-quality';
// Imports are left to the nightly recompute (or POST /api/quality/recompute): one import can be 1M rows.
export const QUALITY_TOPICS = ['customer.created', 'customer.updated', 'customer.deleted', 'customer.merged'] as const;

/** Outbox subscription: re-flags the customers a write touched. Idempotent (replaces their flags). */
export function qualitySubscription(deps: QualityDeps): Subscription {
  return {
    handlerName: QUALITY_HANDLER,
    topics: QUALITY_TOPICS,
    handle: (event) => refreshQualityFlags(deps, customerIdsOf(event)),
  };
}
