import type { Grade } from '../logistic/probability-grades.js';
import { DEFAULT_LEAD_SCORING } from './default-lead-scoring.js';
import type { DimensionRule, LeadScoringConfig, RangeBucket } from './lead-scoring-config.js';

/**
 * Rule-based lead scoring: the points of every dimension of the config, their total, the grade
 * (A/B/C/D by the config's thresholds) and the priority follow-up flag (grade A). Pure; the caller
 * supplies clock-derived fields such as `daysSinceLastActivity`.
 *
 * Example: `scoreLead({ employees: 800, jobTitle: '采购总监', webinarAttended: true })` →
 * `{ total: 28, grade: 'D', priorityFollowUp: false, dimensions: [{ key: 'companySize', points: 10,
 * status: 'scored' }, …, { key: 'region', points: 0, status: 'missing' }, …] }`.
 */
export type LeadValue = string | number | boolean | null | undefined;
export type Lead = Readonly<Record<string, LeadValue>>;

export interface DimensionScore {
  key: string;
  points: number;
  /** `missing`: a field the rule needs is absent or empty (0 points). */
  status: 'scored' | 'missing';
}

export interface LeadScore {
  total: number;
  grade: Grade;
  priorityFollowUp: boolean;
  dimensions: DimensionScore[];
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', '是']);

function isMissing(value: LeadValue): value is null | undefined | '' {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function numeric(value: LeadValue): number | undefined {
  if (isMissing(value) || typeof value === 'boolean') return undefined;
  const number = typeof value === 'number' ? value : Number(value.trim());
  return Number.isFinite(number) ? number : undefined;
}

function bucketPoints(value: number, buckets: RangeBucket[]): number {
  const bucket = buckets.find((b) => (b.min === undefined || value >= b.min) && (b.max === undefined || value < b.max));
  return bucket?.points ?? 0;
}

/** A keyword is found as a substring (Chinese) or as a whole word (Latin letters and digits). */
function containsKeyword(text: string, keyword: string): boolean {
  const lower = keyword.toLowerCase();
  if (!/^[\x20-\x7e]+$/.test(lower)) return text.includes(lower);
  const escaped = lower.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`).test(text);
}

/** Points from one rule, or undefined when a field it needs is missing. */
function rulePoints(rule: DimensionRule, lead: Lead): number | undefined {
  switch (rule.kind) {
    case 'range': {
      const value = numeric(lead[rule.field]);
      return value === undefined ? undefined : bucketPoints(value, rule.buckets);
    }
    case 'weighted-range': {
      const values = Object.entries(rule.weights).map(([field, weight]) => [numeric(lead[field]), weight] as const);
      if (values.every(([value]) => value === undefined)) return undefined;
      return bucketPoints(values.reduce((sum, [value, weight]) => sum + (value ?? 0) * weight, 0), rule.buckets);
    }
    case 'match': {
      const value = lead[rule.field];
      if (isMissing(value)) return undefined;
      const text = String(value).trim().toLowerCase();
      const entry = Object.entries(rule.values).find(([key]) => key.trim().toLowerCase() === text);
      return entry === undefined ? rule.otherwise : entry[1];
    }
    case 'keywords': {
      const value = lead[rule.field];
      if (isMissing(value)) return undefined;
      const text = String(value).toLowerCase();
      return rule.groups.find((group) => group.keywords.some((keyword) => containsKeyword(text, keyword)))?.points ?? rule.otherwise;
    }
    case 'flag': {
      const value = lead[rule.field];
      if (isMissing(value)) return undefined;
      return TRUE_WORDS.has(String(value).trim().toLowerCase()) ? rule.points : 0;
    }
  }
}

export function gradeForPoints(total: number, thresholds: LeadScoringConfig['thresholds']): Grade {
  if (total >= thresholds.A) return 'A';
  if (total >= thresholds.B) return 'B';
  if (total >= thresholds.C) return 'C';
  return 'D';
}

export function scoreLead(lead: Lead, config: LeadScoringConfig = DEFAULT_LEAD_SCORING): LeadScore {
  const dimensions = config.dimensions.map((dimension): DimensionScore => {
    const points = rulePoints(dimension.rule, lead);
    return points === undefined ? { key: dimension.key, points: 0, status: 'missing' } : { key: dimension.key, points, status: 'scored' };
  });
  const total = dimensions.reduce((sum, d) => sum + d.points, 0);
  const grade = gradeForPoints(total, config.thresholds);
  return { total, grade, priorityFollowUp: grade === 'A', dimensions };
}
