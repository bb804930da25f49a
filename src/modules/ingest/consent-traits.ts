/**
 * Consent carried by tracking messages (pure). Two shapes are read:
 *
 * 1. Relata's own, on identify: `traits.consent = { <purpose>: boolean | { <channel>: boolean } }`
 *    with purpose marketing | analytics | sensitive_data and channel email | sms | wecom | push | any;
 *    a bare boolean means channel `any`. true = granted, false = withdrawn.
 *    `{"consent": {"marketing": {"email": true, "sms": false}, "analytics": true}}`
 * 2. Segment's consent object, on any call: `context.consent.categoryPreferences = { <category>: boolean }`.
 *    Categories are the consent manager's names; those naming a Relata purpose are used (case and
 *    spaces ignored): marketing, advertising, targeting → marketing; analytics, performance,
 *    statistics → analytics; both on channel `any`. Other categories (necessary, functional …) are
 *    not purposes of the ledger and are ignored.
 *
 * Wrong shapes are refused with the field at fault (the message is a 400 / a batch item error).
 */
import { CONSENT_CHANNELS, CONSENT_PURPOSES, type ConsentChannel, type ConsentPurpose } from '../consent/index.js';
import type { TrackingMessage } from './tracking-message.js';

/** Segment consent categories that name a ledger purpose (lower case, no spaces). */
export const CATEGORY_PURPOSES: Readonly<Record<string, ConsentPurpose>> = {
  marketing: 'marketing',
  advertising: 'marketing',
  targeting: 'marketing',
  analytics: 'analytics',
  performance: 'analytics',
  statistics: 'analytics',
};

/** One decision read from a message; `via` says which shape it came from (kept as evidence). */
export interface ConsentTrait {
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  granted: boolean;
  via: 'traits.consent' | 'context.consent.categoryPreferences';
  category?: string;
}

export type ConsentTraitsResult = { ok: true; decisions: ConsentTrait[] } | { ok: false; field: string };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isOneOf = <T extends string>(values: readonly T[], value: string): value is T => (values as readonly string[]).includes(value);

class BadField extends Error {}

function fromTraits(consent: unknown): ConsentTrait[] {
  if (consent === undefined || consent === null) return [];
  if (!isObject(consent)) throw new BadField('traits.consent');
  const decisions: ConsentTrait[] = [];
  for (const [purpose, value] of Object.entries(consent)) {
    const field = `traits.consent.${purpose}`;
    if (!isOneOf(CONSENT_PURPOSES, purpose)) throw new BadField(field);
    if (typeof value === 'boolean') {
      decisions.push({ purpose, channel: 'any', granted: value, via: 'traits.consent' });
      continue;
    }
    if (!isObject(value)) throw new BadField(field);
    for (const [channel, granted] of Object.entries(value)) {
      if (!isOneOf(CONSENT_CHANNELS, channel) || typeof granted !== 'boolean') throw new BadField(`${field}.${channel}`);
      decisions.push({ purpose, channel, granted, via: 'traits.consent' });
    }
  }
  return decisions;
}

function fromCategoryPreferences(consent: unknown): ConsentTrait[] {
  if (!isObject(consent) || consent.categoryPreferences === undefined || consent.categoryPreferences === null) return [];
  const preferences = consent.categoryPreferences;
  if (!isObject(preferences)) throw new BadField('context.consent.categoryPreferences');
  const decisions: ConsentTrait[] = [];
  for (const [category, granted] of Object.entries(preferences)) {
    if (typeof granted !== 'boolean') throw new BadField(`context.consent.categoryPreferences.${category}`);
    const purpose = CATEGORY_PURPOSES[category.toLowerCase().replace(/\s+/g, '')];
    if (purpose) decisions.push({ purpose, channel: 'any', granted, via: 'context.consent.categoryPreferences', category });
  }
  return decisions;
}

/**
 * The consent decisions of one message, in the order they apply: Segment categories first, then
 * `traits.consent` (more specific, so it wins for the same purpose × channel).
 *
 * @example readConsentTraits({ type: 'identify', traits: { consent: { marketing: { email: true } } }, … })
 *   // → { ok: true, decisions: [{ purpose: 'marketing', channel: 'email', granted: true, via: 'traits.consent' }] }
 */
export function readConsentTraits(message: Pick<TrackingMessage, 'type' | 'traits' | 'context'>): ConsentTraitsResult {
  try {
    const categories = fromCategoryPreferences(message.context.consent);
    const traits = message.type === 'identify' ? fromTraits(message.traits.consent) : [];
    return { ok: true, decisions: [...categories, ...traits] };
  } catch (error) {
    if (error instanceof BadField) return { ok: false, field: error.message };
    throw error;
  }
}
