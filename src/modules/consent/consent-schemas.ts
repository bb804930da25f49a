import { Type } from '@sinclair/typebox';
import { CONSENT_CHANNELS, CONSENT_INPUT_SOURCES, CONSENT_PURPOSES, CONSENT_STATUSES } from './consent-types.js';

/** A string restricted to a list; a wrong value is a 400 naming the field. */
function choice<T extends string>(values: readonly T[], description: string) {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], description });
}

export const CustomerIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false });

const Purpose = choice(CONSENT_PURPOSES, 'marketing | analytics | sensitive_data (PIPL separate consent)');
const Channel = choice(CONSENT_CHANNELS, 'email | sms | wecom | push | any (every channel of the purpose)');
const Status = choice(CONSENT_STATUSES, 'granted | withdrawn');
const Evidence = Type.Object({}, { additionalProperties: true, description: 'Proof: form, text version, ip, …' });

export const ConsentBody = Type.Object(
  {
    purpose: Purpose,
    channel: Channel,
    status: Status,
    occurredAt: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601; defaults to now; may be back-dated' })),
    source: Type.Optional(choice(CONSENT_INPUT_SOURCES, 'api | ui | import | tracking; defaults to api')),
    evidence: Type.Optional(Evidence),
  },
  { additionalProperties: false },
);

export const ConsentEntryDto = Type.Object({
  id: Type.Integer(),
  customerId: Type.Integer(),
  purpose: Purpose,
  channel: Channel,
  status: Status,
  occurredAt: Type.String(),
  recordedAt: Type.String(),
  source: Type.String(),
  evidence: Evidence,
  actorType: Type.String(),
  actorId: Type.Union([Type.Integer(), Type.Null()]),
});

const CurrentStateDto = Type.Object({
  purpose: Purpose,
  channel: Channel,
  status: Status,
  occurredAt: Type.String(),
  entryId: Type.Integer(),
  decidedByChannel: Channel,
});

export const ConsentView = Type.Object({
  current: Type.Array(CurrentStateDto, { description: 'Effective state per purpose × channel that some entry decides' }),
  history: Type.Array(ConsentEntryDto, { description: 'Newest first (occurredAt, then id), at most 500' }),
});

