/** What a consent is for. `sensitive_data` is PIPL's separate consent (ID numbers, location, minors). */
export const CONSENT_PURPOSES = ['marketing', 'analytics', 'sensitive_data'] as const;
/** Where it applies; `any` covers every channel of the purpose. */
export const CONSENT_CHANNELS = ['email', 'sms', 'wecom', 'push', 'any'] as const;
export const CONSENT_STATUSES = ['granted', 'withdrawn'] as const;
/** How the entry reached us. `erasure`: written by the system for an erased person (never by callers). */
export const CONSENT_SOURCES = ['api', 'ui', 'import', 'tracking', 'erasure'] as const;
/** The sources a caller may name when recording through the API (`erasure` is the system's own). */
export const CONSENT_INPUT_SOURCES = ['api', 'ui', 'import', 'tracking'] as const;

export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** The part of a ledger entry the rules look at. `id` breaks ties between equal timestamps. */
export interface ConsentFact {
  id: number;
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  status: ConsentStatus;
  occurredAt: Date;
}

/** One ledger row (`consent_events`). */
export interface ConsentEntry extends ConsentFact {
  customerId: number;
  recordedAt: Date;
  source: ConsentSource;
  evidence: Record<string, unknown>;
  actorType: 'user' | 'api_key' | 'system';
  actorId: number | null;
}

/** What a new entry says; the ledger adds id, recordedAt and the actor. */
export interface ConsentInput {
  purpose: string;
  channel: string;
  status: string;
  occurredAt?: string;
  source?: string;
  evidence?: Record<string, unknown>;
}

/** Whether a purpose × channel may be used, and why. */
export interface ContactDecision {
  allowed: boolean;
  /** `granted` / `withdrawn`: the deciding entry's status; `no_consent`: no entry (PIPL: deny). */
  reason: 'granted' | 'withdrawn' | 'no_consent';
}
