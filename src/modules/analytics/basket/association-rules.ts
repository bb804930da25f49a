import { AnalysisInputError } from '../analysis-input.js';
import { frequentItemsets } from './frequent-itemsets.js';

/**
 * Association rules over baskets, with R arules' `apriori` conventions so published counts reproduce:
 *  - one item in the consequent;
 *  - length = items in antecedent + consequent, within [minLength, maxLength] (arules minlen/maxlen,
 *    defaults 1 and 10); with minLength 1 a rule {} ⇒ {x} is produced when support(x) ≥ minConfidence
 *    (its confidence is support(x), its lift 1), exactly like arules;
 *  - support = share of baskets holding antecedent ∪ consequent; confidence = support / support(antecedent);
 *    lift = confidence / support(consequent).
 * Item names are used exactly as given (no trimming: Groceries has "cream cheese " with a space).
 */
export interface BasketOptions {
  minSupport: number;
  minConfidence: number;
  minLength?: number;
  maxLength?: number;
}

export interface AssociationRule {
  antecedent: string[];
  consequent: string[];
  support: number;
  confidence: number;
  lift: number;
  /** Baskets holding antecedent ∪ consequent. */
  count: number;
}

export interface BasketRules {
  transactions: number;
  items: number;
  /** Sorted by lift, then support, then confidence (all descending), then antecedent text. */
  rules: AssociationRule[];
}

interface IndexedBaskets {
  labels: string[];
  baskets: number[][];
}

/** Item ids ordered by label; a basket's duplicate items count once. */
function indexBaskets(baskets: readonly (readonly string[])[]): IndexedBaskets {
  const labels = [...new Set(baskets.flat())].sort(compareText);
  const idOf = new Map(labels.map((label, id) => [label, id]));
  return { labels, baskets: baskets.map((basket) => [...new Set(basket.map((item) => idOf.get(item)!))].sort((a, b) => a - b)) };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function validate(options: BasketOptions): Required<BasketOptions> {
  const { minSupport, minConfidence, minLength = 1, maxLength = 10 } = options;
  if (!(minSupport > 0 && minSupport <= 1)) throw new AnalysisInputError(`min support must be in (0, 1], got ${minSupport}`);
  if (!(minConfidence >= 0 && minConfidence <= 1)) throw new AnalysisInputError(`min confidence must be in [0, 1], got ${minConfidence}`);
  if (!Number.isInteger(minLength) || !Number.isInteger(maxLength) || minLength < 1 || maxLength < minLength) {
    throw new AnalysisInputError(`rule length bounds must be integers with 1 ≤ min length ≤ max length, got ${minLength}..${maxLength}`);
  }
  return { minSupport, minConfidence, minLength, maxLength };
}

/** All rules meeting the thresholds. Throws AnalysisInputError on bad options or no baskets. */
export function associationRules(baskets: readonly (readonly string[])[], options: BasketOptions): BasketRules {
  const { minSupport, minConfidence, minLength, maxLength } = validate(options);
  if (baskets.length === 0) throw new AnalysisInputError('no transactions: association rules need at least one basket');
  const { labels, baskets: ids } = indexBaskets(baskets);
  const n = ids.length;
  // Integer threshold as arules does: an itemset is frequent when its count ≥ minSupport · n.
  const minCount = Math.max(1, Math.ceil(minSupport * n - 1e-9));
  const { counts, itemsets } = frequentItemsets(ids, labels.length, minCount, maxLength);
  const rules: AssociationRule[] = [];
  const name = (set: number[]) => set.map((id) => labels[id]!);
  for (const itemset of itemsets) {
    if (itemset.length < minLength) continue;
    const count = counts.get(itemset.join(','))!;
    if (itemset.length === 1) {
      if (count / n >= minConfidence) rules.push({ antecedent: [], consequent: name(itemset), support: count / n, confidence: count / n, lift: 1, count });
      continue;
    }
    itemset.forEach((consequent, position) => {
      const antecedent = itemset.filter((_, i) => i !== position);
      const confidence = count / counts.get(antecedent.join(','))!;
      if (confidence < minConfidence) return;
      const lift = confidence / (counts.get(String(consequent))! / n);
      rules.push({ antecedent: name(antecedent), consequent: name([consequent]), support: count / n, confidence, lift, count });
    });
  }
  return { transactions: n, items: labels.length, rules: rules.sort(byLift) };
}

function byLift(a: AssociationRule, b: AssociationRule): number {
  return b.lift - a.lift || b.support - a.support || b.confidence - a.confidence || compareText(ruleText(a), ruleText(b));
}

function ruleText(rule: AssociationRule): string {
  return `${rule.antecedent.join('\u0000')}\u0001${rule.consequent.join('\u0000')}`;
}
