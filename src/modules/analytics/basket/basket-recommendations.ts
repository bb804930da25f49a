import type { AssociationRule } from './association-rules.js';

/**
 * "Bought A, not B": the items a customer has not bought that some rule recommends, each with the
 * best rule whose antecedent the customer has fully bought. Pure.
 * Best = highest confidence, then lift, then support; recommendations are ordered the same way.
 * Rules with an empty antecedent ({} ⇒ {x}) apply to everyone (popular items).
 *
 * Example: rules [{soda} ⇒ {chips} conf .6] and purchases {soda} → [{item: 'chips', rule}].
 */
export interface Recommendation {
  item: string;
  rule: AssociationRule;
}

function better(a: AssociationRule, b: AssociationRule): number {
  return b.confidence - a.confidence || b.lift - a.lift || b.support - a.support;
}

export function recommendItems(rules: readonly AssociationRule[], purchased: Iterable<string>, limit = Infinity): Recommendation[] {
  const bought = new Set(purchased);
  const best = new Map<string, AssociationRule>();
  for (const rule of rules) {
    if (!rule.antecedent.every((item) => bought.has(item))) continue;
    for (const item of rule.consequent) {
      if (bought.has(item)) continue;
      const current = best.get(item);
      if (current === undefined || better(rule, current) < 0) best.set(item, rule);
    }
  }
  return [...best]
    .map(([item, rule]) => ({ item, rule }))
    .sort((a, b) => better(a.rule, b.rule) || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0))
    .slice(0, limit);
}
