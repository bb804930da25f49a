/**
 * Identifier values that SDKs send when they know nothing (Segment's blocked list): they must never
 * link two visitors. Compared trimmed and case-insensitively; all-zero ids (`0000`, the nil UUID) too.
 *
 * @example isBlockedIdentifier(' Anonymous ') // true
 * @example isBlockedIdentifier('00000000-0000-0000-0000-000000000000') // true
 * @example isBlockedIdentifier('u-42') // false
 */
const BLOCKED = new Set(['', 'null', 'undefined', 'nil', 'none', 'nan', '0', '-1', 'anonymous']);

export function isBlockedIdentifier(value: string | null | undefined): boolean {
  if (value === null || value === undefined) return true;
  const folded = value.trim().toLowerCase();
  return BLOCKED.has(folded) || /^[0-]+$/.test(folded);
}
