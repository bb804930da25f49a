/**
 * Identity resolution rules (Segment-style), configurable by an admin (`identity_rules`,
 * `identity_blocked_values`): per identifier type a limit per customer and a priority, extra
 * blocked values per type, and global blocked values. Pure.
 */
export const BUILTIN_IDENTIFIER_TYPES = ['userId', 'anonymousId', 'mobile', 'email', 'wecomExternalUserId', 'wechatUnionId', 'wechatOpenId'] as const;
export type BuiltinIdentifierType = (typeof BUILTIN_IDENTIFIER_TYPES)[number];

/** Custom type names: a letter, then letters, digits or _, at most 40. */
export const IDENTIFIER_TYPE_PATTERN = '^[A-Za-z][A-Za-z0-9_]{0,39}$';

export interface IdentityRule {
  type: string;
  label: string;
  builtin: boolean;
  /** How many values of this type one customer may hold; null = unlimited. */
  maxPerCustomer: number | null;
  /** 1 = strongest: wins when a message's identifiers point at different customers. */
  priority: number;
  /** Values of this type that never identify anybody (besides the global list). */
  blockedValues: string[];
}

export interface IdentityRules {
  /** Sorted by priority. */
  rules: IdentityRule[];
  /** Blocked for every type; compared trimmed and lower-cased. */
  blockedValues: string[];
}

const rule = (type: string, label: string, maxPerCustomer: number | null, priority: number): IdentityRule => ({ type, label, builtin: true, maxPerCustomer, priority, blockedValues: [] });

/** The rules migration 014 installs (used where no database rules are at hand, e.g. pure tests). */
export const DEFAULT_IDENTITY_RULES: IdentityRules = {
  rules: [
    rule('userId', 'User ID', 1, 1),
    rule('wechatUnionId', 'WeChat unionid', 1, 2),
    rule('wecomExternalUserId', 'WeCom external_userid', 3, 3),
    rule('mobile', 'Mobile', 5, 4),
    rule('email', 'Email', 5, 5),
    rule('wechatOpenId', 'WeChat openid', null, 6),
    rule('anonymousId', 'Anonymous ID', null, 7),
  ],
  blockedValues: ['', 'null', 'undefined', 'nil', 'none', 'nan', '0', '-1', 'anonymous'],
};

/** Folded form a value is compared in against blocked lists. */
export const foldBlocked = (value: string): string => value.trim().toLowerCase();

/** Rules ready for the hot path: lookups by type, blocked sets folded once. */
export class CompiledRules {
  private readonly byType: Map<string, IdentityRule>;
  private readonly blocked: Set<string>;
  private readonly blockedByType: Map<string, Set<string>>;

  constructor(readonly source: IdentityRules) {
    this.byType = new Map(source.rules.map((r) => [r.type, r]));
    this.blocked = new Set(source.blockedValues.map(foldBlocked));
    this.blockedByType = new Map(source.rules.map((r) => [r.type, new Set(r.blockedValues.map(foldBlocked))]));
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  /** Types in priority order (strongest first). */
  types(): string[] {
    return [...this.byType.values()].sort((a, b) => a.priority - b.priority).map((r) => r.type);
  }

  priority(type: string): number {
    return this.byType.get(type)?.priority ?? Number.MAX_SAFE_INTEGER;
  }

  limit(type: string): number | null {
    return this.byType.get(type)?.maxPerCustomer ?? null;
  }

  /** Blocked globally or for this type; all-zero ids (`0000`, the nil UUID) always. */
  isBlocked(type: string, value: string): boolean {
    const folded = foldBlocked(value);
    return this.blocked.has(folded) || /^[0-]+$/.test(folded) || (this.blockedByType.get(type)?.has(folded) ?? false);
  }
}

export const DEFAULT_RULES = new CompiledRules(DEFAULT_IDENTITY_RULES);

/**
 * Why a rule set cannot be stored, or null: every built-in type present, types unique and well
 * formed, priorities unique. `field` names the part at fault (e.g. `rules.3.priority`).
 */
export function invalidRules(input: IdentityRules): { field: string; reason: string } | null {
  const seenTypes = new Set<string>();
  const seenPriorities = new Set<number>();
  const pattern = new RegExp(IDENTIFIER_TYPE_PATTERN);
  for (const [i, r] of input.rules.entries()) {
    if (!pattern.test(r.type)) return { field: `rules.${i}.type`, reason: 'a letter, then letters, digits or _ (at most 40)' };
    if (seenTypes.has(r.type)) return { field: `rules.${i}.type`, reason: 'listed twice' };
    if (seenPriorities.has(r.priority)) return { field: `rules.${i}.priority`, reason: 'each type needs its own priority' };
    seenTypes.add(r.type);
    seenPriorities.add(r.priority);
  }
  const missing = BUILTIN_IDENTIFIER_TYPES.find((t) => !seenTypes.has(t));
  return missing ? { field: 'rules', reason: `built-in type ${missing} cannot be removed` } : null;
}
