import { type Static, Type } from '@sinclair/typebox';
import { Id, NullableTimestamp, TIMESTAMP_PATTERN, Timestamp } from './admin-schemas.js';

export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    roleId: Id,
    expiresAt: Type.Optional(Type.String({ pattern: TIMESTAMP_PATTERN, description: 'ISO 8601 with offset, in the future' })),
  },
  { additionalProperties: false },
);
export type CreateApiKeyInput = Static<typeof CreateApiKeyBody>;

export const CreatedApiKey = Type.Object({
  id: Type.Integer(),
  key: Type.String({ description: 'rk_…: shown once, stored only as a hash. Use as Authorization: Bearer <key>' }),
});
export type CreatedApiKey = Static<typeof CreatedApiKey>;

/** An API key as listed: never the key itself, only its first characters. */
export const ApiKeyDto = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String({ description: 'The first 8 characters of the key, to recognise it' }),
  roleId: Type.Integer(),
  userId: Type.Integer({ description: 'The admin who created it; data scopes are relative to this user' }),
  createdAt: Timestamp,
  expiresAt: NullableTimestamp,
  lastUsedAt: NullableTimestamp,
  revokedAt: NullableTimestamp,
});
export type ApiKeyDto = Static<typeof ApiKeyDto>;
