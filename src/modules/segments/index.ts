export { segmentRoutes } from './segment-routes.js';
export { SegmentService } from './segment-service.js';
export { TagService } from './tag-service.js';
export { compileRule, type CompileEnv, type ReferencedSegment } from './rule-compiler.js';
export { evaluateRule, type CustomerFacts, type EvaluateEnv } from './rule-evaluator.js';
export { parseRule, RuleError, RULE_VERSION, type RuleNode, type SegmentRule } from './segment-rule.js';
export { refreshMembership, refreshSegmentById, SEGMENT_ENTERED, SEGMENT_EXITED } from './segment-refresh.js';
export { segmentsSubscription, segmentSweepJob, segmentSweepSchedule, SEGMENTS_HANDLER, SEGMENTS_TOPICS } from './segment-subscription.js';
