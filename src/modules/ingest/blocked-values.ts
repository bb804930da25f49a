import { type CompiledRules, DEFAULT_RULES } from './identity-rules.js';

/**
 * Identifier values that SDKs send when they know nothing (Segment's blocked list): they must never
 * link two visitors. Compared trimmed and case-insensitively; all-zero ids (`0000`, the nil UUID) too.
 * The list is configurable (`identity_blocked_values`, per type in `identity_rules`); without
 * `rules` the defaults of migration 014 apply.
 *
 * @example isBlockedIdentifier(' Anonymous ') // true
 * @example isBlockedIdentifier('00000000-0000-0000-0000-000000000000') // true
 * @example isBlockedIdentifier('u-42') // false
 */
export function isBlockedIdentifier(value: string | null | undefined, rules: CompiledRules = DEFAULT_RULES, type = ''): boolean {
  if (value === null || value === undefined) return true;
  return rules.isBlocked(type, value);
}
