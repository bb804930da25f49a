import { AnalysisInputError } from '../analysis-input.js';

/**
 * The configuration of rule-based lead scoring: dimensions, each awarding points from one or more
 * fields of the lead, and the total points for grades A/B/C (D below). A plain JSON-able object,
 * so an admin can store and edit it; `checkLeadScoringConfig` refuses an inconsistent one.
 *
 * Rule kinds (the first matching bucket / group wins):
 * - `range`: a number field; buckets `{min?, max?, points}` with min ≤ value < max.
 * - `weighted-range`: Σ weight × field (e.g. email opens + 3 × clicks), then buckets as `range`.
 * - `match`: a text field equal (ignoring case and spaces around) to one of `values`, else `otherwise`.
 * - `keywords`: a text field containing a keyword of a group (Latin keywords match whole words),
 *   else `otherwise` — for job titles.
 * - `flag`: `points` when the field is true (true, 1, yes, y, 是).
 * A missing field (absent, null or empty) earns 0 points.
 */
export interface RangeBucket {
  min?: number;
  max?: number;
  points: number;
}

export type DimensionRule =
  | { kind: 'range'; field: string; buckets: RangeBucket[] }
  | { kind: 'weighted-range'; weights: Record<string, number>; buckets: RangeBucket[] }
  | { kind: 'match'; field: string; values: Record<string, number>; otherwise: number }
  | { kind: 'keywords'; field: string; groups: { keywords: string[]; points: number }[]; otherwise: number }
  | { kind: 'flag'; field: string; points: number };

export interface ScoringDimension {
  key: string;
  labelZh: string;
  labelEn: string;
  rule: DimensionRule;
}

export interface LeadScoringConfig {
  version: 1;
  dimensions: ScoringDimension[];
  /** Minimum total points for each grade; below `C` is D. Must be A > B > C. */
  thresholds: { A: number; B: number; C: number };
}

function bucketProblems(key: string, buckets: RangeBucket[]): string[] {
  return buckets.flatMap((bucket, i) => {
    const problems: string[] = [];
    if (!Number.isFinite(bucket.points)) problems.push(`${key}: bucket ${i + 1} has no finite points`);
    if (bucket.min !== undefined && bucket.max !== undefined && !(bucket.min < bucket.max)) problems.push(`${key}: bucket ${i + 1} needs min < max`);
    return problems;
  });
}

function ruleProblems(dimension: ScoringDimension): string[] {
  const { key, rule } = dimension;
  switch (rule.kind) {
    case 'range':
    case 'weighted-range':
      return rule.buckets.length === 0 ? [`${key}: no buckets`] : bucketProblems(key, rule.buckets);
    case 'match':
      return [...Object.values(rule.values), rule.otherwise].every(Number.isFinite) ? [] : [`${key}: every value needs finite points`];
    case 'keywords':
      return rule.groups.every((group) => group.keywords.length > 0 && Number.isFinite(group.points)) ? [] : [`${key}: every group needs keywords and finite points`];
    case 'flag':
      return Number.isFinite(rule.points) ? [] : [`${key}: points must be finite`];
  }
}

/** Throws `AnalysisInputError` listing every problem (duplicate keys, thresholds out of order, bad buckets). */
export function checkLeadScoringConfig(config: LeadScoringConfig): void {
  const keys = config.dimensions.map((d) => d.key);
  const problems = [
    ...keys.filter((key, i) => keys.indexOf(key) !== i).map((key) => `dimension "${key}" appears twice`),
    ...(config.thresholds.A > config.thresholds.B && config.thresholds.B > config.thresholds.C ? [] : ['thresholds must satisfy A > B > C']),
    ...config.dimensions.flatMap(ruleProblems),
  ];
  if (problems.length > 0) throw new AnalysisInputError(`invalid lead scoring config: ${problems.join('; ')}`, 'analysis.invalid_config');
}
