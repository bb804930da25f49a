import { normalizeEmail, normalizeMobile } from '../customers/index.js';
import { isBlockedIdentifier } from './blocked-values.js';
import type { TrackingMessage } from './tracking-message.js';

export const IDENTIFIER_TYPES = ['userId', 'anonymousId', 'email', 'mobile'] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** email and mobile are personal data: sealed at rest, never kept in clear. */
export const SENSITIVE_IDENTIFIERS: ReadonlySet<IdentifierType> = new Set(['email', 'mobile']);

export interface Identifier {
  type: IdentifierType;
  /** Normalized: trimmed ids, lower-cased email, E.164 mobile. */
  value: string;
}

/**
 * The canonical form of an identifier value — the one `identifierHash` is taken of — or null when
 * the value is not a valid identifier of that type: E.164 mobile, lower-cased e-mail, trimmed ids.
 * Shared by lookup, orders and privacy so a value always hashes the same everywhere.
 */
export function normalizeIdentifierValue(type: IdentifierType, value: string): string | null {
  if (type === 'email') return normalizeEmail(value);
  if (type === 'mobile') return normalizeMobile(value);
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : null;
}

function id(type: IdentifierType, raw: string | null): Identifier[] {
  return raw === null || isBlockedIdentifier(raw) ? [] : [{ type, value: raw.trim() }];
}

function trait(traits: Record<string, unknown>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = traits[key];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return null;
}

/** The contact traits of an identify call, normalized; invalid or blocked values are left out. */
export function contactTraits(message: TrackingMessage): { email: string | null; mobile: string | null } {
  if (message.type !== 'identify') return { email: null, mobile: null };
  const email = trait(message.traits, ['email']);
  const mobile = trait(message.traits, ['phone', 'mobile']);
  return {
    email: email === null || isBlockedIdentifier(email) ? null : normalizeEmail(email),
    mobile: mobile === null || isBlockedIdentifier(mobile) ? null : normalizeMobile(mobile),
  };
}

/**
 * The identifiers a message asserts belong to one person, strongest first: userId, anonymousId,
 * and for identify the traits email and phone/mobile. Blocked values are ignored. Pure.
 * (alias's previousId is looked up separately: it may be an earlier userId or an anonymousId.)
 *
 * @example extractIdentifiers({ type: 'identify', userId: 'u1', anonymousId: 'anonymous', traits: { email: 'A@B.cn' }, … })
 * // → [{ type: 'userId', value: 'u1' }, { type: 'email', value: 'a@b.cn' }]
 */
export function extractIdentifiers(message: TrackingMessage): Identifier[] {
  const { email, mobile } = contactTraits(message);
  return [
    ...id('userId', message.userId),
    ...id('anonymousId', message.anonymousId),
    ...(email ? [{ type: 'email' as const, value: email }] : []),
    ...(mobile ? [{ type: 'mobile' as const, value: mobile }] : []),
  ];
}

/** The identifiers alias's previousId may be: an earlier userId or an anonymousId. */
export function previousIdentifiers(message: TrackingMessage): Identifier[] {
  if (message.type !== 'alias') return [];
  return [...id('userId', message.previousId), ...id('anonymousId', message.previousId)];
}
