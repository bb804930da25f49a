import type { Subscription } from '../../platform/events/index.js';
import type { JobHandler, JobLogger, Schedule } from '../../platform/jobs/index.js';
import { computeTraits, createdByTracking, customerIdsOf } from '../customer360/index.js';
import { type RefreshDeps, refreshMembership, refreshSegmentById } from './segment-refresh.js';
import { dynamicSegmentIds, findSegment } from './segment-repository.js';
import { usesTraits } from './segment-rule.js';

export const SEGMENTS_HANDLER = 'segment-membership';
/** What can change a customer's membership: profile and tags, behaviour, orders (not segment.* itself). */
export const SEGMENTS_TOPICS = ['customer.*', 'event.ingested', 'order.*'] as const;

/**
 * Outbox subscription `segment-membership`: re-evaluates only the customers an event touches
 * against every dynamic segment (one set-based statement per segment). Traits are recomputed first
 * when a rule reads them, since the traits subscription may not have run yet. Idempotent: entered /
 * exited events follow actual changes of `segment_members`.
 */
export function segmentsSubscription(deps: RefreshDeps): Subscription {
  return {
    handlerName: SEGMENTS_HANDLER,
    topics: SEGMENTS_TOPICS,
    accepts: (event) => !createdByTracking(event),
    async handle(event) {
      const ids = customerIdsOf(event);
      if (ids.length === 0) return;
      for (const id of await dynamicSegmentIds(deps.db)) {
        await deps.db.tx(async (sql) => {
          const segment = await findSegment(sql, id);
          if (segment?.kind !== 'dynamic') return;
          if (usesTraits(segment.rule.rule)) await computeTraits(sql, ids, deps.clock.now());
          await refreshMembership(deps, sql, segment, ids);
        });
      }
    },
  };
}

/** Daily full re-evaluation of dynamic segments: rules with relative dates move without events. */
export const segmentSweepSchedule: Schedule = { name: 'segments-sweep', dailyAt: '04:00', jobName: 'segments.sweep' };

export function segmentSweepJob(deps: RefreshDeps & { logger?: JobLogger }): JobHandler {
  return async () => {
    for (const id of await dynamicSegmentIds(deps.db)) {
      try {
        const change = await refreshSegmentById(deps, id);
        deps.logger?.info({ segmentId: id, entered: change?.entered.length ?? 0, exited: change?.exited.length ?? 0 }, 'segment swept');
      } catch (error) {
        // One broken rule (a custom field deleted since) must not stop the others.
        deps.logger?.warn({ segmentId: id, err: error }, 'segment sweep failed');
      }
    }
  };
}
