import { AppError } from '../../platform/errors/index.js';
import type { RecordQueryCompiler } from '../../platform/records/index.js';
import { orderMatchesZero, orderPredicateSql } from './order-aggregate.js';
import { checkOperand, operatorsForKind, positiveSql, SCORE_SUBJECTS, type Subject, splitNegation, TRAIT_SUBJECTS } from './rule-values.js';
import { RuleError, type RuleNode, type SegmentRule, type ValueOperator } from './segment-rule.js';

/** A saved segment as a rule referring to it sees it. */
export interface ReferencedSegment {
  kind: 'dynamic' | 'static';
  rule: SegmentRule;
}

export interface CompileEnv {
  /** The record layer's compiler for customers (alias `t`): the caller's visible fields, the parameters. */
  records: RecordQueryCompiler;
  now: Date;
  /** Every segment the rule refers to, directly or through other segments. */
  segments: ReadonlyMap<number, ReferencedSegment>;
  /** Segments being compiled (the one being saved included): referring to one again is a cycle. */
  stack?: readonly number[];
  /** Only these customers are being evaluated (event-driven refresh): grouped subqueries read only theirs. */
  candidates?: readonly number[];
  /**
   * How event counts and order aggregates are read: `grouped` (one pass over the window, joined),
   * `correlated` (an index probe per customer that passed the cheaper conditions), or `auto`
   * (default): correlated when an AND has cheaper sibling conditions to filter first.
   */
  aggregates?: 'auto' | 'grouped' | 'correlated';
}

type AggregateForm = 'grouped' | 'correlated';
const AGGREGATE_KINDS = new Set(['event', 'orders']);

/** Does this AND have a cheaper condition (a column or an index probe) that narrows the rows first? */
function hasFilterSibling(children: readonly RuleNode[]): boolean {
  return children.some((c) => !('and' in c) && !('or' in c) && !('not' in c) && !Object.keys(c).some((k) => AGGREGATE_KINDS.has(k)));
}

const DAY_MS = 86_400_000;
/** Orders that count: paid and not fully refunded, net of partial refunds (as the traits). */
const KEPT_ORDER = `o.status = 'paid' AND o.amount > o.refunded_amount`;

/**
 * Compiles a rule into one boolean SQL expression over `customers t`. Pure. Every condition is a
 * semi/anti-join-friendly EXISTS or IN (grouped subquery) on the existing indexes; NOT is two-valued
 * (a condition on a missing value is false, its negation true), exactly as rule-evaluator.ts.
 * Throws RuleError naming the path at fault.
 */
export function compileRule(rule: SegmentRule, env: CompileEnv): string {
  return new RuleCompiler(env).node(rule.rule, 'rule', env.stack ?? []);
}

class RuleCompiler {
  private nowParam: string | undefined;
  private candidatesParam: string | undefined;

  constructor(private readonly env: CompileEnv) {}

  private param(value: unknown): string {
    return this.env.records.param(value);
  }

  private now(): string {
    this.nowParam ??= this.param(this.env.now);
    return `${this.nowParam}::timestamptz`;
  }

  /** Restriction of a grouped subquery to the candidates, if any. */
  private only(column: string): string {
    if (!this.env.candidates) return '';
    this.candidatesParam ??= this.param(this.env.candidates);
    return ` AND ${column} = ANY(${this.candidatesParam}::bigint[])`;
  }

  private window(column: string, withinDays: number | undefined): string {
    const upper = `${column} <= ${this.now()}`;
    if (withinDays === undefined) return upper;
    return `${upper} AND ${column} > ${this.param(new Date(this.env.now.getTime() - withinDays * DAY_MS))}::timestamptz`;
  }

  private formFor(siblings: readonly RuleNode[] | null): AggregateForm {
    const chosen = this.env.aggregates ?? 'auto';
    if (chosen !== 'auto') return chosen;
    return siblings && hasFilterSibling(siblings) ? 'correlated' : 'grouped';
  }

  node(node: RuleNode, path: string, stack: readonly number[], siblings: readonly RuleNode[] | null = null): string {
    if ('and' in node) return `(${node.and.map((n, i) => this.node(n, `${path}.and[${i}]`, stack, node.and)).join(' AND ')})`;
    if ('or' in node) return `(${node.or.map((n, i) => this.node(n, `${path}.or[${i}]`, stack)).join(' OR ')})`;
    // Two-valued NOT: a NULL inside (missing value) is false, so its negation is true.
    if ('not' in node) return `(NOT COALESCE(${this.node(node.not, `${path}.not`, stack)}, false))`;
    if ('field' in node) return this.field(node, path);
    if ('identifier' in node) {
      const exists = `EXISTS (SELECT 1 FROM customer_identifiers ci WHERE ci.customer_id = t.id AND ci.type = ${this.param(node.identifier)})`;
      return node.op === 'exists' ? exists : `NOT ${exists}`;
    }
    if ('tag' in node) return `EXISTS (SELECT 1 FROM customer_tags ct WHERE ct.customer_id = t.id AND ct.tag = ${this.param(node.tag)})`;
    if ('score' in node) return this.subject('customer_scores', SCORE_SUBJECTS, node.score, node.op, node.value, path, 'score');
    if ('trait' in node) return this.subject('customer_traits', TRAIT_SUBJECTS, node.trait, node.op, node.value, path, 'trait');
    if ('event' in node) return this.event(node, this.formFor(siblings));
    if ('orders' in node) return this.orders(node.orders, `${path}.orders`, this.formFor(siblings));
    if ('bought' in node) return this.bought(node.bought);
    return this.segment(node.segment, path, stack);
  }

  private field(node: Extract<RuleNode, { field: string }>, path: string): string {
    try {
      return `(${this.env.records.filter({ field: node.field, op: node.op, value: node.value })})`;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'field.unknown') throw new RuleError(`${path}.field`, 'unknown field');
      if (error.code === 'field.invalid_operator') throw new RuleError(`${path}.op`, `operator ${node.op} does not apply to ${node.field}`);
      throw new RuleError(`${path}.value`, String(error.options.params?.reason ?? 'invalid value'));
    }
  }

  private subject(table: string, catalogue: Readonly<Record<string, Subject>>, key: string, op: ValueOperator, value: unknown, path: string, label: string): string {
    const subject = Object.hasOwn(catalogue, key) ? catalogue[key] : undefined;
    if (!subject) throw new RuleError(`${path}.${label}`, `unknown ${label}`);
    if (!operatorsForKind(subject.kind).includes(op)) throw new RuleError(`${path}.op`, `operator ${op} does not apply to ${key}`);
    const { positive, negated } = splitNegation(op);
    const operand = checkOperand(subject.kind, positive, value, `${path}.value`);
    const predicate = positiveSql(`s.${subject.column}`, subject.kind, positive, operand, this.env.now, (v) => this.param(v));
    const exists = `EXISTS (SELECT 1 FROM ${table} s WHERE s.customer_id = t.id AND ${predicate})`;
    return negated ? `NOT ${exists}` : exists;
  }

  private event(node: Extract<RuleNode, { event: string }>, form: AggregateForm): string {
    const type = node.type ? ` AND e.type = ${this.param(node.type)}` : '';
    const where = `e.name = ${this.param(node.event)}${type} AND ${this.window('e.occurred_at', node.withinDays)}`;
    if (node.atLeast === 1) return `EXISTS (SELECT 1 FROM events e WHERE e.customer_id = t.id AND ${where})`;
    if (form === 'correlated') {
      // Stops reading the customer's events at N.
      const n = this.param(node.atLeast);
      return `(SELECT count(*) FROM (SELECT 1 FROM events e WHERE e.customer_id = t.id AND ${where} LIMIT ${n}::int) x) >= ${n}::int`;
    }
    return `t.id IN (SELECT e.customer_id FROM events e WHERE ${where}${this.only('e.customer_id')} GROUP BY e.customer_id HAVING count(*) >= ${this.param(node.atLeast)}::int)`;
  }

  private orders(spec: Extract<RuleNode, { orders: unknown }>['orders'], path: string, form: AggregateForm): string {
    const predicate = orderPredicateSql(spec, `${path}.value`, (v) => this.param(v), form === 'correlated');
    if (form === 'correlated') {
      // One aggregate row per customer, orders or not (count 0, sum 0, no average).
      return `(SELECT ${predicate} FROM orders o WHERE o.customer_id = t.id AND ${KEPT_ORDER} AND ${this.window('o.ordered_at', spec.withinDays)})`;
    }
    const from = `FROM orders o WHERE ${KEPT_ORDER} AND ${this.window('o.ordered_at', spec.withinDays)}${this.only('o.customer_id')} GROUP BY o.customer_id`;
    // Customers without orders have count 0 / sum 0 / no average: when that matches, keep everyone
    // except those whose orders do not.
    if (orderMatchesZero(spec)) return `NOT (t.id IN (SELECT o.customer_id ${from} HAVING NOT COALESCE(${predicate}, false)))`;
    return `t.id IN (SELECT o.customer_id ${from} HAVING ${predicate})`;
  }

  private bought(spec: Extract<RuleNode, { bought: unknown }>['bought']): string {
    const what = spec.sku !== undefined ? `l.sku = ${this.param(spec.sku)}` : `l.category = ${this.param(spec.category)}`;
    return `EXISTS (SELECT 1 FROM order_lines l JOIN orders o ON o.customer_id = l.customer_id AND o.id = l.order_id
      WHERE l.customer_id = t.id AND ${what} AND ${KEPT_ORDER} AND ${this.window('o.ordered_at', spec.withinDays)})`;
  }

  private segment(id: number, path: string, stack: readonly number[]): string {
    if (stack.includes(id)) throw new RuleError(`${path}.segment`, `segment ${id} refers back to itself`);
    const segment = this.env.segments.get(id);
    if (!segment) throw new RuleError(`${path}.segment`, 'unknown segment');
    if (segment.kind === 'static') {
      return `EXISTS (SELECT 1 FROM segment_members sm WHERE sm.segment_id = ${this.param(id)}::bigint AND sm.customer_id = t.id)`;
    }
    // A dynamic segment is its rule: inlined, so it is as current as the data (and obeys the same fields).
    return this.node(segment.rule.rule, `${path}.segment(${id}).rule`, [...stack, id]);
  }
}
