import { type RecordDeps, RecordService, type RequestContext } from '../../../platform/records/index.js';
import { customerObject } from '../../customers/index.js';
import { recommendItems } from './basket-recommendations.js';
import { customerItemsAndRules } from './cross-sell-repository.js';

export interface CrossSellRecommendation {
  item: string;
  confidence: number;
  lift: number;
  support: number;
  /** The items already bought that the rule starts from. */
  becauseOf: string[];
}

/** "Bought A, not B" for one customer from the stored rules; permissions are the customer's (404 outside scope). */
export class CrossSellService {
  private readonly customers: RecordService;

  constructor(private readonly deps: RecordDeps) {
    this.customers = new RecordService(deps, customerObject);
  }

  async recommendations(ctx: RequestContext, customerId: number, limit: number): Promise<{ purchased: string[]; items: CrossSellRecommendation[] }> {
    await this.customers.get(ctx, customerId);
    const { items, rules } = await customerItemsAndRules(this.deps.db, customerId);
    const recommended = recommendItems(rules, items, limit).map(({ item, rule }) => ({ item, confidence: rule.confidence, lift: rule.lift, support: rule.support, becauseOf: rule.antecedent }));
    return { purchased: [...items].sort(), items: recommended };
  }
}
