import { readConsentTraits } from './consent-traits.js';
import { CALL_TYPES, type CallType, MAX_MESSAGE_BYTES, type MessageError, type TrackingMessage } from './tracking-message.js';

type Json = Record<string, unknown>;
type Result = { ok: true; message: TrackingMessage } | { ok: false; error: MessageError };

const MAX_ID_LENGTH = 255;
const MAX_NAME_LENGTH = 200;

class Invalid extends Error {
  constructor(readonly detail: MessageError) {
    super(detail.code);
  }
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Segment ids may be strings or numbers; an empty string counts as absent. */
function idField(raw: Json, field: string): string | null {
  const value = raw[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.length > MAX_ID_LENGTH) throw new Invalid({ code: 'ingest.invalid_field', field });
  return value.trim() === '' ? null : value;
}

function textField(raw: Json, field: string): string | null {
  const value = raw[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > MAX_NAME_LENGTH) throw new Invalid({ code: 'ingest.invalid_field', field });
  return value.trim() === '' ? null : value;
}

function timeField(raw: Json, field: string): Date | null {
  const value = raw[field];
  if (value === undefined || value === null) return null;
  const time = typeof value === 'string' ? new Date(value) : null;
  if (!time || Number.isNaN(time.getTime())) throw new Invalid({ code: 'ingest.invalid_field', field });
  return time;
}

function objectField(raw: Json, field: string): Json {
  const value = raw[field];
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new Invalid({ code: 'ingest.invalid_field', field });
  return value;
}

function required<T>(value: T | null, field: string): T {
  if (value === null) throw new Invalid({ code: 'ingest.missing_field', field });
  return value;
}

function parse(raw: Json, type: CallType): TrackingMessage {
  const userId = idField(raw, 'userId');
  const anonymousId = idField(raw, 'anonymousId');
  const message: TrackingMessage = {
    type,
    messageId: idField(raw, 'messageId'),
    userId,
    anonymousId,
    previousId: type === 'alias' ? required(idField(raw, 'previousId'), 'previousId') : null,
    groupId: type === 'group' ? required(idField(raw, 'groupId'), 'groupId') : null,
    name: type === 'track' ? required(textField(raw, 'event'), 'event') : type === 'page' || type === 'screen' ? textField(raw, 'name') : null,
    timestamp: timeField(raw, 'timestamp'),
    sentAt: timeField(raw, 'sentAt'),
    context: objectField(raw, 'context'),
    properties: type === 'track' || type === 'page' || type === 'screen' ? objectField(raw, 'properties') : {},
    traits: type === 'identify' || type === 'group' ? objectField(raw, 'traits') : {},
  };
  if (type === 'alias') required(userId, 'userId');
  else if (userId === null && anonymousId === null) throw new Invalid({ code: 'ingest.missing_identity', field: 'userId' });
  const consent = readConsentTraits(message);
  if (!consent.ok) throw new Invalid({ code: 'ingest.invalid_field', field: consent.field });
  return message;
}

/**
 * Checks one message of a call (the path's type, or the item's `type` inside a batch). Pure.
 * Unknown top-level keys (integrations, channel, _metadata …) are tolerated: SDKs send them.
 *
 * @example validateMessage({ userId: 'u1', event: 'Signed Up' }, 'track') // → { ok: true, message }
 * @example validateMessage({ event: 'x' }, 'track') // → { ok: false, error: { code: 'ingest.missing_identity', field: 'userId' } }
 */
export function validateMessage(raw: unknown, pathType: CallType | null, defaults: { sentAt?: unknown; context?: unknown } = {}): Result {
  if (!isObject(raw)) return { ok: false, error: { code: 'ingest.invalid_message', field: '' } };
  if (Buffer.byteLength(JSON.stringify(raw)) > MAX_MESSAGE_BYTES) return { ok: false, error: { code: 'ingest.message_too_large', field: '' } };
  const type = pathType ?? raw.type;
  if (typeof type !== 'string' || !(CALL_TYPES as readonly string[]).includes(type)) return { ok: false, error: { code: 'ingest.invalid_type', field: 'type' } };
  const withDefaults: Json = { ...raw };
  if (withDefaults.sentAt === undefined && defaults.sentAt !== undefined) withDefaults.sentAt = defaults.sentAt;
  if (isObject(defaults.context) && (raw.context === undefined || isObject(raw.context))) withDefaults.context = { ...defaults.context, ...(isObject(raw.context) ? raw.context : {}) };
  try {
    return { ok: true, message: parse(withDefaults, type as CallType) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, error: error.detail };
    throw error;
  }
}
