import { FILTER_OPERATORS, type FilterOperator, hasControlCharacters } from '../../platform/records/index.js';

/** Rule language v1 (README.md): a tree of and / or / not over conditions on one customer. */
export const RULE_VERSION = 1;

export const IDENTIFIER_TYPES = ['userId', 'anonymousId', 'email', 'mobile'] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** Operators on scores, traits and order aggregates (not a record field: no text matching). */
export const VALUE_OPERATORS = ['eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'between', 'isEmpty', 'isNotEmpty', 'withinDays', 'notWithinDays'] as const;
export type ValueOperator = (typeof VALUE_OPERATORS)[number];

export const ORDER_MEASURES = ['count', 'sum', 'avg'] as const;
export type OrderMeasure = (typeof ORDER_MEASURES)[number];

export type RuleNode =
  | { and: RuleNode[] }
  | { or: RuleNode[] }
  | { not: RuleNode }
  | { field: string; op: FilterOperator; value?: unknown }
  | { identifier: IdentifierType; op: 'exists' | 'notExists' }
  | { tag: string }
  | { score: string; op: ValueOperator; value?: unknown }
  | { trait: string; op: ValueOperator; value?: unknown }
  | { event: string; type?: string; atLeast: number; withinDays?: number }
  | { orders: { measure: OrderMeasure; withinDays?: number; op: ValueOperator; value: unknown } }
  | { bought: { sku?: string; category?: string; withinDays?: number } }
  | { segment: number };

export interface SegmentRule {
  version: 1;
  rule: RuleNode;
}

/** A rule that cannot be used, with the JSON path of the part at fault (`rule.and[1].field`). */
export class RuleError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

const MAX_DEPTH = 8;
const MAX_CHILDREN = 50;
const MAX_DAYS = 3660;

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(node: Obj, path: string, allowed: readonly string[]): void {
  const extra = Object.keys(node).find((k) => !allowed.includes(k));
  if (extra) throw new RuleError(path ? `${path}.${extra}` : extra, 'unknown property');
}

function name(value: unknown, path: string, max = 100): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) throw new RuleError(path, `text of 1–${max} characters expected`);
  if (hasControlCharacters(value)) throw new RuleError(path, 'control characters');
  return value;
}

function days(value: unknown, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_DAYS) throw new RuleError(path, `whole number of days 1–${MAX_DAYS} expected`);
  return value as number;
}

function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw new RuleError(path, `one of ${allowed.join(', ')} expected`);
  return value as T;
}

/**
 * Checks the shape of a rule document (not field names or types: those depend on who asks, see
 * rule-compiler.ts). Pure. Throws RuleError naming the path.
 */
export function parseRule(raw: unknown): SegmentRule {
  if (!isObject(raw)) throw new RuleError('', 'object {"version":1,"rule":…} expected');
  onlyKeys(raw, '', ['version', 'rule']);
  if (raw.version !== RULE_VERSION) throw new RuleError('version', 'version 1 expected');
  return { version: 1, rule: parseNode(raw.rule, 'rule', 1) };
}

function parseNode(raw: unknown, path: string, depth: number): RuleNode {
  if (!isObject(raw)) throw new RuleError(path, 'condition object expected');
  if (depth > MAX_DEPTH) throw new RuleError(path, `nesting deeper than ${MAX_DEPTH}`);
  if ('and' in raw || 'or' in raw) return parseGroup(raw, path, depth);
  if ('not' in raw) {
    onlyKeys(raw, path, ['not']);
    return { not: parseNode(raw.not, `${path}.not`, depth + 1) };
  }
  if ('field' in raw) return parseField(raw, path);
  if ('identifier' in raw) {
    onlyKeys(raw, path, ['identifier', 'op']);
    return { identifier: oneOf(raw.identifier, `${path}.identifier`, IDENTIFIER_TYPES), op: oneOf(raw.op ?? 'exists', `${path}.op`, ['exists', 'notExists'] as const) };
  }
  if ('tag' in raw) {
    onlyKeys(raw, path, ['tag']);
    return { tag: name(raw.tag, `${path}.tag`, 50) };
  }
  if ('score' in raw || 'trait' in raw) return parseValueCondition(raw, path);
  if ('event' in raw) return parseEvent(raw, path);
  if ('orders' in raw) return parseOrders(raw, path);
  if ('bought' in raw) return parseBought(raw, path);
  if ('segment' in raw) {
    onlyKeys(raw, path, ['segment']);
    if (!Number.isSafeInteger(raw.segment) || (raw.segment as number) < 1) throw new RuleError(`${path}.segment`, 'segment id expected');
    return { segment: raw.segment as number };
  }
  throw new RuleError(path, 'unknown condition: and, or, not, field, identifier, tag, score, trait, event, orders, bought or segment expected');
}

function parseGroup(raw: Obj, path: string, depth: number): RuleNode {
  const key = 'and' in raw ? 'and' : 'or';
  onlyKeys(raw, path, [key]);
  const children = raw[key];
  if (!Array.isArray(children) || children.length === 0 || children.length > MAX_CHILDREN) {
    throw new RuleError(`${path}.${key}`, `array of 1–${MAX_CHILDREN} conditions expected`);
  }
  const nodes = children.map((child, i) => parseNode(child, `${path}.${key}[${i}]`, depth + 1));
  return key === 'and' ? { and: nodes } : { or: nodes };
}

function parseField(raw: Obj, path: string): RuleNode {
  onlyKeys(raw, path, ['field', 'op', 'value']);
  const field = name(raw.field, `${path}.field`, 64);
  const op = oneOf(raw.op, `${path}.op`, FILTER_OPERATORS);
  return raw.value === undefined ? { field, op } : { field, op, value: raw.value };
}

function parseValueCondition(raw: Obj, path: string): RuleNode {
  const key = 'score' in raw ? 'score' : 'trait';
  onlyKeys(raw, path, [key, 'op', 'value']);
  const subject = name(raw[key], `${path}.${key}`, 64);
  const op = oneOf(raw.op, `${path}.op`, VALUE_OPERATORS);
  const node = { op, ...(raw.value === undefined ? {} : { value: raw.value }) };
  return key === 'score' ? { score: subject, ...node } : { trait: subject, ...node };
}

function parseEvent(raw: Obj, path: string): RuleNode {
  onlyKeys(raw, path, ['event', 'type', 'atLeast', 'withinDays']);
  const atLeast = raw.atLeast ?? 1;
  if (!Number.isInteger(atLeast) || (atLeast as number) < 1 || (atLeast as number) > 10_000) throw new RuleError(`${path}.atLeast`, 'whole number 1–10000 expected');
  const withinDays = days(raw.withinDays, `${path}.withinDays`);
  const type = raw.type === undefined ? undefined : oneOf(raw.type, `${path}.type`, ['track', 'page', 'screen', 'identify', 'group', 'alias'] as const);
  return {
    event: name(raw.event, `${path}.event`, 200),
    atLeast: atLeast as number,
    ...(type ? { type } : {}),
    ...(withinDays ? { withinDays } : {}),
  };
}

function parseOrders(raw: Obj, path: string): RuleNode {
  onlyKeys(raw, path, ['orders']);
  const inner = raw.orders;
  const at = `${path}.orders`;
  if (!isObject(inner)) throw new RuleError(at, 'object {measure, op, value} expected');
  onlyKeys(inner, at, ['measure', 'withinDays', 'op', 'value']);
  const measure = oneOf(inner.measure, `${at}.measure`, ORDER_MEASURES);
  const op = oneOf(inner.op, `${at}.op`, ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between'] as const);
  const withinDays = days(inner.withinDays, `${at}.withinDays`);
  return { orders: { measure, op, value: inner.value, ...(withinDays ? { withinDays } : {}) } };
}

function parseBought(raw: Obj, path: string): RuleNode {
  onlyKeys(raw, path, ['bought']);
  const inner = raw.bought;
  const at = `${path}.bought`;
  if (!isObject(inner)) throw new RuleError(at, 'object {sku | category, withinDays?} expected');
  onlyKeys(inner, at, ['sku', 'category', 'withinDays']);
  if ((inner.sku === undefined) === (inner.category === undefined)) throw new RuleError(at, 'exactly one of sku or category expected');
  const withinDays = days(inner.withinDays, `${at}.withinDays`);
  const what = inner.sku !== undefined ? { sku: name(inner.sku, `${at}.sku`, 200) } : { category: name(inner.category, `${at}.category`, 200) };
  return { bought: { ...what, ...(withinDays ? { withinDays } : {}) } };
}

/** The segment ids a rule refers to (for cycle checks and refused deletes). */
export function referencedSegments(node: RuleNode): number[] {
  if ('and' in node) return [...new Set(node.and.flatMap(referencedSegments))];
  if ('or' in node) return [...new Set(node.or.flatMap(referencedSegments))];
  if ('not' in node) return referencedSegments(node.not);
  if ('segment' in node) return [node.segment];
  return [];
}

/** Whether the rule reads traits (event-driven refreshes recompute them first). */
export function usesTraits(node: RuleNode): boolean {
  if ('and' in node) return node.and.some(usesTraits);
  if ('or' in node) return node.or.some(usesTraits);
  if ('not' in node) return usesTraits(node.not);
  return 'trait' in node;
}
