import { correctTimestamp } from './clock-skew.js';
import type { TrackingMessage } from './tracking-message.js';

/** A row of `events` as the ingest repository writes it (JSON columns as text). */
export interface EventRow {
  customerId: number;
  type: string;
  name: string;
  properties: string;
  occurredAt: Date;
  messageId: string;
  sourceId: number;
  anonymousId: string | null;
  userId: string | null;
  context: string;
  receivedAt: Date;
  sentAt: Date | null;
}

/** Contact traits live encrypted on the profile, never in clear in the event log. */
const CONTACT_TRAITS = new Set(['email', 'phone', 'mobile']);

function withoutContactTraits(traits: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(traits).filter(([key]) => !CONTACT_TRAITS.has(key)));
}

/** What an event's `properties` hold per call type. */
function payloadOf(message: TrackingMessage): Record<string, unknown> {
  switch (message.type) {
    case 'identify':
      return withoutContactTraits(message.traits);
    case 'group':
      return { groupId: message.groupId, traits: message.traits };
    case 'alias':
      return { previousId: message.previousId };
    default:
      return message.properties;
  }
}

/**
 * The stored event of a message: `name` is the track event, the page/screen name or the call
 * type; `occurredAt` is corrected for client clock skew. Pure.
 */
export function toEventRow(message: TrackingMessage & { messageId: string }, customerId: number, sourceId: number, receivedAt: Date): EventRow {
  return {
    customerId,
    type: message.type,
    name: message.name ?? message.type,
    properties: JSON.stringify(payloadOf(message)),
    occurredAt: correctTimestamp(receivedAt, message.timestamp, message.sentAt),
    messageId: message.messageId,
    sourceId,
    anonymousId: message.anonymousId?.trim() ?? null,
    userId: message.userId?.trim() ?? null,
    context: JSON.stringify(message.context),
    receivedAt,
    sentAt: message.sentAt,
  };
}
