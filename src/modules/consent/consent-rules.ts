import {
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  type ConsentChannel,
  type ConsentFact,
  type ConsentPurpose,
  type ContactDecision,
} from './consent-types.js';

/** True when `a` is newer than `b`: later `occurredAt`, or the same instant and a higher id. */
export function isNewer(a: ConsentFact, b: ConsentFact): boolean {
  const diff = a.occurredAt.getTime() - b.occurredAt.getTime();
  return diff === 0 ? a.id > b.id : diff > 0;
}

/**
 * The entry that decides `purpose` on `channel`, or null when there is none.
 *
 * Rule: among the entries of the purpose whose channel is `channel` itself or `any`, the newest
 * (by `occurredAt`, then id) decides. So a channel-specific entry overrides an `any` entry only when
 * it is newer, and an `any` entry newer than every channel entry applies to every channel.
 * Asking for channel `any` looks at `any` entries only.
 *
 * Example: sms granted 05-01, any withdrawn 05-02 → sms withdrawn; then sms granted 05-03 → granted.
 * Insertion order does not matter; only the timestamps and ids do.
 */
export function currentConsent(events: readonly ConsentFact[], purpose: ConsentPurpose, channel: ConsentChannel): ConsentFact | null {
  let best: ConsentFact | null = null;
  for (const event of events) {
    if (event.purpose !== purpose || (event.channel !== channel && event.channel !== 'any')) continue;
    if (!best || isNewer(event, best)) best = event;
  }
  return best;
}

/** The decision an entry (or its absence) gives: deny by default, PIPL wants consent given. */
export function decisionOf(entry: Pick<ConsentFact, 'status'> | null): ContactDecision {
  if (!entry) return { allowed: false, reason: 'no_consent' };
  return { allowed: entry.status === 'granted', reason: entry.status };
}

/** May this customer be contacted (or their data used) for `purpose` on `channel`? */
export function mayContact(ledger: readonly ConsentFact[], purpose: ConsentPurpose, channel: ConsentChannel): ContactDecision {
  return decisionOf(currentConsent(ledger, purpose, channel));
}

export interface CurrentState {
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  status: ConsentFact['status'];
  occurredAt: Date;
  /** The deciding entry; its channel is `any` when a general entry decides this channel. */
  entryId: number;
  decidedByChannel: ConsentChannel;
}

/**
 * The effective state of every purpose × channel that some entry decides, in catalogue order.
 * Only the newest entry per purpose × channel matters, so the ledger's latest rows are enough.
 */
export function currentStates(events: readonly ConsentFact[]): CurrentState[] {
  const states: CurrentState[] = [];
  for (const purpose of CONSENT_PURPOSES) {
    for (const channel of CONSENT_CHANNELS) {
      const entry = currentConsent(events, purpose, channel);
      if (!entry) continue;
      states.push({ purpose, channel, status: entry.status, occurredAt: entry.occurredAt, entryId: entry.id, decidedByChannel: entry.channel });
    }
  }
  return states;
}
