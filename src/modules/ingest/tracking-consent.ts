/**
 * Consent from tracking, inside the batch's transaction (see consent-traits.ts for the shapes):
 * - a new customer created from an identifier of an erased person gets a `withdrawn` entry per
 *   purpose on channel `any`, source `erasure`, so nothing re-enables marketing silently;
 * - the consent decisions the messages carry are appended with source `tracking` and evidence
 *   `{messageId, sourceId, via[, category]}` — only those that change the customer's current state
 *   (Segment's consent object rides on every event; repeating it must not grow the ledger).
 * An explicit decision in a message is newer than the erasure marker (dated at the customer's first
 * event of the batch, appended first), so a person who opts in again is granted again.
 */
import type { Clock } from '../../platform/clock.js';
import type { Sql } from '../../platform/db/index.js';
import { appendConsentEntries, CONSENT_PURPOSES, type ConsentStatus, consentStates, type NewConsentEntry } from '../consent/index.js';
import { readConsentTraits } from './consent-traits.js';
import type { IngestActor } from './identity-resolver.js';
import type { TrackingMessage } from './tracking-message.js';

/** One stored message of the batch: where it landed and when it happened. */
export interface TrackedMessage {
  message: TrackingMessage & { messageId: string };
  customerId: number;
  occurredAt: Date;
}

/** The withdrawals for new customers that reuse an erased identifier (one per purpose, channel `any`). */
export function erasureMarkers(tracked: readonly TrackedMessage[], erasedCustomers: ReadonlySet<number>, sourceId: number): NewConsentEntry[] {
  const first = new Map<number, TrackedMessage>();
  for (const item of tracked) {
    const seen = first.get(item.customerId);
    if (erasedCustomers.has(item.customerId) && (!seen || item.occurredAt < seen.occurredAt)) first.set(item.customerId, item);
  }
  return [...first.values()].flatMap((item) =>
    CONSENT_PURPOSES.map((purpose) => ({
      customerId: item.customerId,
      purpose,
      channel: 'any' as const,
      status: 'withdrawn' as const,
      occurredAt: item.occurredAt,
      source: 'erasure' as const,
      evidence: { reason: 'previously_erased_identifier', messageId: item.message.messageId, sourceId },
    })),
  );
}

/** Every decision the messages carry, in message order, as ledger entries with their evidence. */
export function trackedDecisions(tracked: readonly TrackedMessage[], sourceId: number): NewConsentEntry[] {
  return tracked.flatMap(({ message, customerId, occurredAt }) => {
    const read = readConsentTraits(message);
    if (!read.ok) return [];
    return read.decisions.map((d) => ({
      customerId,
      purpose: d.purpose,
      channel: d.channel,
      status: d.granted ? ('granted' as const) : ('withdrawn' as const),
      occurredAt,
      source: 'tracking' as const,
      evidence: { messageId: message.messageId, sourceId, via: d.via, ...(d.category ? { category: d.category } : {}) },
    }));
  });
}

const stateKey = (e: Pick<NewConsentEntry, 'customerId' | 'purpose' | 'channel'>) => `${e.customerId}:${e.purpose}:${e.channel}`;

/** The stored effective status of each customer × purpose × channel the decisions name (one query per pair). */
async function storedStatuses(sql: Sql, decisions: readonly NewConsentEntry[]): Promise<Map<string, ConsentStatus>> {
  const groups = new Map<string, { purpose: NewConsentEntry['purpose']; channel: NewConsentEntry['channel']; ids: Set<number> }>();
  for (const d of decisions) {
    const group = groups.get(`${d.purpose}:${d.channel}`) ?? { purpose: d.purpose, channel: d.channel, ids: new Set<number>() };
    group.ids.add(d.customerId);
    groups.set(`${d.purpose}:${d.channel}`, group);
  }
  const statuses = new Map<string, ConsentStatus>();
  for (const { purpose, channel, ids } of groups.values()) {
    for (const [customerId, state] of await consentStates(sql, [...ids], purpose, channel)) {
      if (state.reason !== 'no_consent') statuses.set(stateKey({ customerId, purpose, channel }), state.reason);
    }
  }
  return statuses;
}

/** Keeps the entries that change the current state, walking them in order over the stored state. */
export function changesOnly(entries: readonly NewConsentEntry[], stored: ReadonlyMap<string, ConsentStatus>): NewConsentEntry[] {
  const known = new Map(stored);
  const kept: NewConsentEntry[] = [];
  for (const entry of entries) {
    const key = stateKey(entry);
    if (entry.source !== 'erasure' && known.get(key) === entry.status) continue;
    kept.push(entry);
    if (entry.channel !== 'any') {
      known.set(key, entry.status);
      continue;
    }
    // A newer `any` entry decides every channel of the purpose.
    for (const k of known.keys()) if (k.startsWith(`${entry.customerId}:${entry.purpose}:`)) known.set(k, entry.status);
    known.set(key, entry.status);
  }
  return kept;
}

/** Appends the batch's erasure markers and consent changes (audited, `consent.changed`), set-based. */
export async function recordTrackedConsent(sql: Sql, clock: Clock, actor: IngestActor, tracked: readonly TrackedMessage[], erasedCustomers: ReadonlySet<number>): Promise<number> {
  const markers = erasureMarkers(tracked, erasedCustomers, actor.sourceId);
  const decisions = trackedDecisions(tracked, actor.sourceId);
  if (markers.length === 0 && decisions.length === 0) return 0;
  const entries = changesOnly([...markers, ...decisions], decisions.length === 0 ? new Map() : await storedStatuses(sql, decisions));
  const writer = { actorType: 'system' as const, actorId: actor.sourceId, actorName: `source:${actor.sourceName}`, ip: actor.ip, requestId: actor.requestId };
  return (await appendConsentEntries(sql, entries, writer, clock)).length;
}
