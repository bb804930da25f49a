import { coerceFieldValue, type FieldDefinition, type FilterOperator } from '../../platform/records/index.js';
import { type OrderFact, orderAggregateMatches } from './order-aggregate.js';
import type { ReferencedSegment } from './rule-compiler.js';
import { checkOperand, positiveMatches, SCORE_SUBJECTS, type Subject, splitNegation, TRAIT_SUBJECTS } from './rule-values.js';
import type { RuleNode, SegmentRule, ValueOperator } from './segment-rule.js';

/** Everything a rule can test about one customer, as plain data. */
export interface CustomerFacts {
  id: number;
  /** By field key, as stored: select/text strings, numbers, dates 'YYYY-MM-DD', date-times as Date, multiselect arrays. */
  fields: Readonly<Record<string, unknown>>;
  identifiers: readonly string[];
  tags: readonly string[];
  /** `customer_scores` / `customer_traits` row by column, or null without a row. */
  scores: Readonly<Record<string, unknown>> | null;
  traits: Readonly<Record<string, unknown>> | null;
  events: readonly { type: string; name: string; occurredAt: Date }[];
  orders: readonly (OrderFact & { lines: readonly { sku: string; category: string | null }[] })[];
}

export interface EvaluateEnv {
  now: Date;
  fields: readonly FieldDefinition[];
  segments: ReadonlyMap<number, ReferencedSegment & { members?: ReadonlySet<number> }>;
}

const DAY_MS = 86_400_000;

/**
 * The meaning of a rule, stated plainly over one customer's facts. Pure. The SQL compiler must
 * select exactly the customers this accepts (property-tested in rule-equivalence.test.ts). Assumes
 * a rule the compiler accepted.
 */
export function evaluateRule(rule: SegmentRule, facts: CustomerFacts, env: EvaluateEnv): boolean {
  return evaluate(rule.rule, facts, env);
}

function inWindow(at: Date, now: Date, withinDays: number | undefined): boolean {
  return at.getTime() <= now.getTime() && (withinDays === undefined || at.getTime() > now.getTime() - withinDays * DAY_MS);
}

function evaluate(node: RuleNode, facts: CustomerFacts, env: EvaluateEnv): boolean {
  if ('and' in node) return node.and.every((n) => evaluate(n, facts, env));
  if ('or' in node) return node.or.some((n) => evaluate(n, facts, env));
  if ('not' in node) return !evaluate(node.not, facts, env);
  if ('field' in node) return fieldMatches(env.fields.find((f) => f.key === node.field)!, node.op, node.value, facts.fields[node.field]);
  if ('identifier' in node) return facts.identifiers.includes(node.identifier) === (node.op === 'exists');
  if ('tag' in node) return facts.tags.includes(node.tag);
  if ('score' in node) return subjectMatches(SCORE_SUBJECTS[node.score]!, node.op, node.value, facts.scores, env.now);
  if ('trait' in node) return subjectMatches(TRAIT_SUBJECTS[node.trait]!, node.op, node.value, facts.traits, env.now);
  if ('event' in node) {
    const n = facts.events.filter((e) => e.name === node.event && (!node.type || e.type === node.type) && inWindow(e.occurredAt, env.now, node.withinDays)).length;
    return n >= node.atLeast;
  }
  const kept = (withinDays: number | undefined) =>
    facts.orders.filter((o) => o.status === 'paid' && Number(o.amount) > Number(o.refundedAmount) && inWindow(o.orderedAt, env.now, withinDays));
  if ('orders' in node) return orderAggregateMatches(node.orders, kept(node.orders.withinDays));
  if ('bought' in node) {
    const { sku, category, withinDays } = node.bought;
    return kept(withinDays).some((o) => o.lines.some((l) => (sku !== undefined ? l.sku === sku : l.category === category)));
  }
  const segment = env.segments.get(node.segment)!;
  return segment.kind === 'static' ? Boolean(segment.members?.has(facts.id)) : evaluate(segment.rule.rule, facts, env);
}

function subjectMatches(subject: Subject, op: ValueOperator, value: unknown, row: Readonly<Record<string, unknown>> | null, now: Date): boolean {
  const { positive, negated } = splitNegation(op);
  const operand = checkOperand(subject.kind, positive, value, 'value');
  const hit = positiveMatches(row?.[subject.column] ?? null, positive, operand, now);
  return negated ? !hit : hit;
}

type Plain = string | number | boolean | null;

function plain(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  return value as Plain;
}

function same(field: FieldDefinition, a: unknown, b: unknown): boolean {
  const numeric = field.type === 'number' || field.type === 'money';
  return numeric ? Number(a) === Number(b) : plain(a) === plain(b);
}

function order(field: FieldDefinition, a: unknown, b: unknown): number {
  const numeric = field.type === 'number' || field.type === 'money';
  const [x, y] = numeric ? [Number(a), Number(b)] : [plain(a), plain(b)];
  return (x as number) < (y as number) ? -1 : (x as number) > (y as number) ? 1 : 0;
}

/** The record layer's filter semantics (record-query.ts) on one stored value. */
export function fieldMatches(field: FieldDefinition, op: FilterOperator, value: unknown, actual: unknown): boolean {
  const stored = actual === undefined || (Array.isArray(actual) && actual.length === 0) ? null : actual;
  if (op === 'isEmpty') return stored === null;
  if (op === 'isNotEmpty') return stored !== null;
  const single = field.type === 'multiselect' ? { ...field, type: 'select' as const } : field;
  const list = () => (value as unknown[]).map((v) => coerceFieldValue(single, v));
  switch (op) {
    case 'eq':
      return stored !== null && same(field, stored, coerceFieldValue(field, value));
    case 'ne':
      return !(stored !== null && same(field, stored, coerceFieldValue(field, value)));
    case 'in':
    case 'nin': {
      const values = list();
      const hit = stored !== null && (Array.isArray(stored) ? stored.some((s) => values.includes(s)) : values.some((v) => same(field, stored, v)));
      return op === 'in' ? hit : !hit;
    }
    case 'contains':
      if (stored === null) return false;
      if (Array.isArray(stored)) return list().every((v) => stored.includes(v));
      return String(stored).toLowerCase().includes(String(value).toLowerCase());
    case 'startsWith':
      return stored !== null && String(stored).startsWith(String(value));
    case 'between': {
      const [low, high] = (value as unknown[]).map((v) => coerceFieldValue(field, v));
      return stored !== null && order(field, stored, low) >= 0 && order(field, stored, high) <= 0;
    }
    default: {
      if (stored === null) return false;
      const c = order(field, stored, coerceFieldValue(field, value));
      return op === 'gt' ? c > 0 : op === 'gte' ? c >= 0 : op === 'lt' ? c < 0 : c <= 0;
    }
  }
}
