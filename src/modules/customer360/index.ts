export { customer360Routes } from './customer360-routes.js';
export { Customer360Service, type Customer360, type TimelinePage } from './customer360-service.js';
export { computeTraits, readTraits, type CustomerTraits } from './traits-repository.js';
export { createdByTracking, customerIdsOf, traitsSubscription, TRAITS_HANDLER, TRAITS_TOPICS } from './traits-subscription.js';
export { decodeCursor, encodeCursor, parseKinds, TIMELINE_KINDS, type TimelineCursor, type TimelineKind } from './timeline-cursor.js';
export type { TimelineItem } from './timeline-repository.js';
