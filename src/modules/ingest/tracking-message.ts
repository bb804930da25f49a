/** The Segment calls Relata accepts (https://segment.com/docs/connections/spec/). */
export const CALL_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;
export type CallType = (typeof CALL_TYPES)[number];

/** Per message and per batch, as Segment's HTTP API. */
export const MAX_MESSAGE_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;

type Json = Record<string, unknown>;

/** One validated message; unknown keys inside context/properties/traits are kept as data. */
export interface TrackingMessage {
  type: CallType;
  messageId: string | null;
  userId: string | null;
  anonymousId: string | null;
  /** alias only */
  previousId: string | null;
  /** group only */
  groupId: string | null;
  /** track: the event name; page/screen: the page or screen name. */
  name: string | null;
  timestamp: Date | null;
  sentAt: Date | null;
  context: Json;
  properties: Json;
  traits: Json;
}

/** Why one message was refused; `field` names the property at fault. */
export interface MessageError {
  code: IngestErrorCode;
  field: string;
}

export type IngestErrorCode =
  | 'ingest.invalid_message'
  | 'ingest.invalid_type'
  | 'ingest.invalid_field'
  | 'ingest.missing_field'
  | 'ingest.missing_identity'
  | 'ingest.message_too_large'
  | 'ingest.batch_too_large';
