import { type Static, type TUnsafe, Type } from '@sinclair/typebox';

/** Shared TypeBox pieces of the admin API. Ids are integers, as everywhere else in the API. */
export const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
export const NullableId = Type.Union([Id, Type.Null()]);
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

/** Response timestamps (ISO 8601, UTC). Request timestamps use `TIMESTAMP_PATTERN`: Ajv here has no formats. */
export const Timestamp = Type.String({ format: 'date-time' });
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
export const TIMESTAMP_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|[+-]\\d{2}:?\\d{2})$';

/** A string enum as plain `{type, enum}` (reads better in OpenAPI than a union of literals). */
export function StringEnum<T extends string>(values: readonly T[], options: { description?: string; default?: T } = {}): TUnsafe<T> {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });
}

/** Error answers per kind of route (see `withErrors`). 404 covers unknown ids, 422 Idempotency-Key reuse. */
export const LIST_ERRORS = [400, 401, 403, 429];
export const WRITE_ERRORS = [400, 401, 403, 404, 409, 422, 429];
