import { normalizeEmail, normalizeMobile } from '../customers/index.js';
import { BUILTIN_IDENTIFIER_TYPES, type CompiledRules, DEFAULT_RULES } from './identity-rules.js';
import type { TrackingMessage } from './tracking-message.js';

/** The built-in types (custom ones are whatever an admin adds to the identity rules). */
export const IDENTIFIER_TYPES = BUILTIN_IDENTIFIER_TYPES;
/** A built-in type or an admin-defined custom one (see identity-rules.ts for the name pattern). */
export type IdentifierType = string;

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

type Json = Record<string, unknown>;

/** Trait names (identify `traits`, any call's `context.traits`) each type is read from; a custom type: its own name. */
const TRAIT_KEYS: Record<string, readonly string[]> = {
  email: ['email'],
  mobile: ['phone', 'mobile'],
  wecomExternalUserId: ['wecomExternalUserId', 'wecom_external_userid', 'externalUserId', 'external_userid'],
  wechatUnionId: ['wechatUnionId', 'wechat_unionid', 'unionId', 'unionid'],
  wechatOpenId: ['wechatOpenId', 'wechat_openid', 'openId', 'openid'],
};

/** Segment `context.externalIds[].type` names understood besides the rule's own type name. */
const EXTERNAL_ID_TYPES: Record<string, string> = {
  user_id: 'userId',
  anonymous_id: 'anonymousId',
  phone: 'mobile',
  wecom_external_userid: 'wecomExternalUserId',
  wechat_unionid: 'wechatUnionId',
  unionid: 'wechatUnionId',
  wechat_openid: 'wechatOpenId',
  openid: 'wechatOpenId',
};

function text(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

function clean(type: IdentifierType, raw: string | null, rules: CompiledRules): string | null {
  if (raw === null || rules.isBlocked(type, raw)) return null;
  return normalizeIdentifierValue(type, raw);
}

function firstTrait(sources: readonly Json[], keys: readonly string[]): string | null {
  for (const source of sources) for (const key of keys) {
    const value = text(source[key]);
    if (value !== null) return value;
  }
  return null;
}

/** The user's traits: identify's `traits` (not group's: those describe the group) and `context.traits`. */
function userTraits(message: TrackingMessage): Json[] {
  const context = message.context.traits;
  const own = message.type === 'identify' ? [message.traits] : [];
  return context && typeof context === 'object' && !Array.isArray(context) ? [...own, context as Json] : own;
}

/** The contact traits of an identify call, normalized; invalid or blocked values are left out. */
export function contactTraits(message: TrackingMessage, rules: CompiledRules = DEFAULT_RULES): { email: string | null; mobile: string | null } {
  if (message.type !== 'identify') return { email: null, mobile: null };
  return { email: clean('email', firstTrait([message.traits], TRAIT_KEYS.email!), rules), mobile: clean('mobile', firstTrait([message.traits], TRAIT_KEYS.mobile!), rules) };
}

/** Segment's `context.externalIds` (`[{id, type, collection, encoding}]`), users collection only. */
function externalIds(message: TrackingMessage, rules: CompiledRules): Identifier[] {
  const list = message.context.externalIds;
  if (!Array.isArray(list)) return [];
  const found: Identifier[] = [];
  for (const entry of list.slice(0, 50)) {
    if (!entry || typeof entry !== 'object') continue;
    const { id, type, collection } = entry as Json;
    const name = typeof type === 'string' ? (rules.has(type) ? type : EXTERNAL_ID_TYPES[type.toLowerCase()]) : undefined;
    if (name === undefined || !rules.has(name) || (collection !== undefined && collection !== 'users')) continue;
    const value = clean(name, text(id), rules);
    if (value !== null) found.push({ type: name, value });
  }
  return found;
}

/**
 * The identifiers a message asserts belong to one person, strongest (by rule priority) first:
 * userId, anonymousId, for identify the traits email and phone/mobile, the WeCom/WeChat ids and
 * custom types from the user's traits (identify `traits`, `context.traits`) and Segment's
 * `context.externalIds`. Only types the rules know; blocked values ignored; one per type and value. Pure.
 * (alias's previousId is looked up separately: it may be an earlier userId or an anonymousId.)
 *
 * @example extractIdentifiers({ type: 'identify', userId: 'u1', anonymousId: 'anonymous', traits: { email: 'A@B.cn' }, … })
 * // → [{ type: 'userId', value: 'u1' }, { type: 'email', value: 'a@b.cn' }]
 */
export function extractIdentifiers(message: TrackingMessage, rules: CompiledRules = DEFAULT_RULES): Identifier[] {
  const { email, mobile } = contactTraits(message, rules);
  const traits = userTraits(message);
  const found: Identifier[] = [];
  const add = (type: string, value: string | null) => {
    if (value !== null && rules.has(type)) found.push({ type, value });
  };
  add('userId', clean('userId', message.userId, rules));
  add('anonymousId', clean('anonymousId', message.anonymousId, rules));
  add('email', email);
  add('mobile', mobile);
  for (const type of rules.types()) {
    if (['userId', 'anonymousId', 'email', 'mobile'].includes(type)) continue;
    add(type, clean(type, firstTrait(traits, TRAIT_KEYS[type] ?? [type]), rules));
  }
  found.push(...externalIds(message, rules));
  const unique = new Map(found.map((i) => [`${i.type}\u0000${i.value}`, i]));
  return [...unique.values()].sort((a, b) => rules.priority(a.type) - rules.priority(b.type));
}

/** The identifiers alias's previousId may be: an earlier userId or an anonymousId. */
export function previousIdentifiers(message: TrackingMessage, rules: CompiledRules = DEFAULT_RULES): Identifier[] {
  if (message.type !== 'alias') return [];
  return [clean('userId', message.previousId, rules), clean('anonymousId', message.previousId, rules)].flatMap((value, i) => (value === null ? [] : [{ type: i === 0 ? 'userId' : 'anonymousId', value }]));
}
