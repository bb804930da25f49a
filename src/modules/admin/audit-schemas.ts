import { type Static, Type } from '@sinclair/typebox';
import { StringEnum, Timestamp } from './admin-schemas.js';

const ACTOR_TYPES = ['user', 'api_key', 'system'] as const;

export const AuditQuery = Type.Object(
  {
    page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Exact action, e.g. user.update' })),
    actorType: Type.Optional(StringEnum(ACTOR_TYPES, { description: 'Narrows actorId: user ids and API key ids are separate' })),
    actorId: Type.Optional(Type.Integer({ minimum: 1, description: 'A user id, or an API key id for actorType api_key' })),
    object: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'e.g. customer, user, role' })),
    recordId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditItem = Type.Object({
  id: Type.Integer(),
  at: Timestamp,
  actorType: StringEnum(ACTOR_TYPES),
  actorId: Type.Union([Type.Integer(), Type.Null()]),
  actorName: Type.String(),
  action: Type.String(),
  object: Type.String(),
  recordId: Type.String(),
  changes: Type.Record(Type.String(), Type.Unknown(), { description: '{field: [old, new]}; sensitive values hashed' }),
  ip: Type.String(),
  requestId: Type.String(),
});
export type AuditItem = Static<typeof AuditItem>;

export const AuditPage = Type.Object({
  items: Type.Array(AuditItem),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  total: Type.Integer({ description: 'At most 10 000; see totalCapped' }),
  totalCapped: Type.Boolean(),
});
export type AuditPage = Static<typeof AuditPage>;

export const AuditVerification = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer({ description: 'Entries verified before the first break (all of them when ok)' }),
  brokenAt: Type.Union([Type.Integer(), Type.Null()], { description: 'Id of the first entry whose hash does not match' }),
});
