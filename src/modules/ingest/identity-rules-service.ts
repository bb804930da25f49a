import { appendAudit } from '../../platform/audit/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { AppDeps } from '../../platform/http/index.js';
import { auditEntry, type RequestContext } from '../../platform/records/index.js';
import { foldBlocked, type IdentityRules, invalidRules } from './identity-rules.js';
import { loadIdentityRules, saveIdentityRules } from './identity-rules-repository.js';

export interface IdentityRuleInput {
  type: string;
  label?: string;
  maxPerCustomer: number | null;
  priority: number;
  blockedValues?: string[];
}

/** Admin only: read and replace the identity resolution rules (audited `identity_rules.update`). */
export class IdentityRulesService {
  constructor(private readonly deps: Pick<AppDeps, 'db' | 'clock'>) {}

  async get(ctx: RequestContext): Promise<IdentityRules> {
    if (!ctx.access.isAdmin) throw new AppError('permission.denied');
    return loadIdentityRules(this.deps.db);
  }

  async replace(ctx: RequestContext, input: { rules: IdentityRuleInput[]; blockedValues: string[] }): Promise<IdentityRules> {
    if (!ctx.access.isAdmin) throw new AppError('permission.denied');
    const next: IdentityRules = {
      rules: input.rules.map((r) => ({ type: r.type, label: r.label ?? '', builtin: false, maxPerCustomer: r.maxPerCustomer, priority: r.priority, blockedValues: [...new Set((r.blockedValues ?? []).map(foldBlocked))] })),
      blockedValues: [...new Set(input.blockedValues.map(foldBlocked))],
    };
    const bad = invalidRules(next);
    if (bad) throw new AppError('field.invalid_value', { field: bad.field, params: { field: bad.field, reason: bad.reason } });
    const now = this.deps.clock.now();
    return this.deps.db.tx(async (sql) => {
      const before = await loadIdentityRules(sql);
      await saveIdentityRules(sql, next, now, ctx.access.actor.userId);
      const after = await loadIdentityRules(sql);
      await appendAudit(sql, [auditEntry(ctx, now, 'identity_rules.update', 'identity_rules', '*', { before, after })]);
      return after;
    });
  }
}
