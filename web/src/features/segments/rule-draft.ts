// The builder's editable form of a rule: groups and condition rows, converted to and from the
// API's rule language v1 (src/modules/segments/README.md). Incomplete rows are left out.

export type ConditionKind = 'field' | 'event' | 'orders' | 'bought' | 'tag' | 'score' | 'trait' | 'segment' | 'identifier';
export const CONDITION_KINDS: ConditionKind[] = ['field', 'event', 'orders', 'bought', 'tag', 'score', 'trait', 'segment', 'identifier'];

export interface ConditionDraft {
  id: string;
  type: 'condition';
  kind: ConditionKind;
  negate: boolean;
  /** field key, score key, trait key, identifier type, event name, sku/category, tag */
  subject?: string;
  op?: string;
  value?: unknown;
  atLeast?: number | null;
  withinDays?: number | null;
  measure?: 'count' | 'sum' | 'avg';
  boughtBy?: 'sku' | 'category';
  segment?: number;
}

export interface GroupDraft {
  id: string;
  type: 'group';
  combinator: 'and' | 'or';
  negate: boolean;
  children: Array<GroupDraft | ConditionDraft>;
}

export type RuleNode = Record<string, unknown>;
export interface SegmentRule {
  version: 1;
  rule: RuleNode;
}

let counter = 0;
export const newId = () => `d${++counter}`;

export function emptyCondition(kind: ConditionKind = 'field'): ConditionDraft {
  const base: ConditionDraft = { id: newId(), type: 'condition', kind, negate: false };
  if (kind === 'event') return { ...base, atLeast: 1, withinDays: 30 };
  if (kind === 'orders') return { ...base, measure: 'sum', op: 'gte', withinDays: 90 };
  if (kind === 'bought') return { ...base, boughtBy: 'sku' };
  if (kind === 'identifier') return { ...base, op: 'exists' };
  return base;
}

export function emptyGroup(combinator: 'and' | 'or' = 'and'): GroupDraft {
  return { id: newId(), type: 'group', combinator, negate: false, children: [emptyCondition()] };
}

const filled = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && (v.length === 0 || v.some((x) => x === '' || x === null)));
const noValueOps = new Set(['isEmpty', 'isNotEmpty']);
const days = (d: number | null | undefined) => (d ? { withinDays: d } : {});

function conditionNode(c: ConditionDraft): RuleNode | null {
  const valued = (key: string) => {
    if (!c.subject || !c.op) return null;
    if (noValueOps.has(c.op)) return { [key]: c.subject, op: c.op };
    return filled(c.value) ? { [key]: c.subject, op: c.op, value: c.value } : null;
  };
  switch (c.kind) {
    case 'field':
      return valued('field');
    case 'score':
      return valued('score');
    case 'trait':
      return valued('trait');
    case 'tag':
      return c.subject ? { tag: c.subject } : null;
    case 'identifier':
      return c.subject ? { identifier: c.subject, op: c.op ?? 'exists' } : null;
    case 'segment':
      return c.segment ? { segment: c.segment } : null;
    case 'event':
      return c.subject ? { event: c.subject, atLeast: c.atLeast || 1, ...days(c.withinDays) } : null;
    case 'orders':
      return c.measure && c.op && typeof c.value === 'number' ? { orders: { measure: c.measure, op: c.op, value: c.value, ...days(c.withinDays) } } : null;
    case 'bought':
      return c.subject ? { bought: { [c.boughtBy ?? 'sku']: c.subject, ...days(c.withinDays) } } : null;
  }
}

function draftNode(d: GroupDraft | ConditionDraft): RuleNode | null {
  let node: RuleNode | null;
  if (d.type === 'condition') node = conditionNode(d);
  else {
    const children = d.children.map(draftNode).filter((n): n is RuleNode => n !== null);
    node = children.length ? { [d.combinator]: children } : null;
  }
  return node && d.negate ? { not: node } : node;
}

/** The API rule for a draft, or null while nothing is complete yet. */
export function toRule(draft: GroupDraft): SegmentRule | null {
  const node = draftNode(draft);
  return node ? { version: 1, rule: node } : null;
}

function fromNode(node: RuleNode, negate = false): GroupDraft | ConditionDraft {
  if ('not' in node) return fromNode(node.not as RuleNode, !negate);
  for (const combinator of ['and', 'or'] as const) {
    if (combinator in node) return { id: newId(), type: 'group', combinator, negate, children: (node[combinator] as RuleNode[]).map((n) => fromNode(n)) };
  }
  const base = { id: newId(), type: 'condition' as const, negate };
  for (const kind of ['field', 'score', 'trait'] as const) {
    if (kind in node) return { ...base, kind, subject: node[kind] as string, op: node.op as string, value: node.value };
  }
  if ('tag' in node) return { ...base, kind: 'tag', subject: node.tag as string };
  if ('identifier' in node) return { ...base, kind: 'identifier', subject: node.identifier as string, op: node.op as string };
  if ('segment' in node) return { ...base, kind: 'segment', segment: node.segment as number };
  if ('event' in node) return { ...base, kind: 'event', subject: node.event as string, atLeast: node.atLeast as number, withinDays: (node.withinDays as number) ?? null };
  if ('orders' in node) {
    const o = node.orders as { measure: 'count' | 'sum' | 'avg'; op: string; value: unknown; withinDays?: number };
    return { ...base, kind: 'orders', measure: o.measure, op: o.op, value: o.value, withinDays: o.withinDays ?? null };
  }
  const b = node.bought as { sku?: string; category?: string; withinDays?: number };
  return { ...base, kind: 'bought', boughtBy: b.sku !== undefined ? 'sku' : 'category', subject: b.sku ?? b.category, withinDays: b.withinDays ?? null };
}

/** The builder's draft for a saved rule (the root is always a group). */
export function fromRule(rule: SegmentRule): GroupDraft {
  const node = fromNode(rule.rule);
  return node.type === 'group' ? node : { id: newId(), type: 'group', combinator: 'and', negate: false, children: [node] };
}
