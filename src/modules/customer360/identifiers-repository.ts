import { isoText, type JsonRead } from '../../platform/db/index.js';

export type StoredIdentifier = {
  type: string;
  value: string | null;
  /** Sealed value (mobile, email), else null. */
  valueEnc: Buffer | null;
  createdAt: string;
};

/** A customer's identifiers, oldest first (at most 200); sealed values stay sealed (base64 in the JSON). */
export const identifiersRead: JsonRead<StoredIdentifier[]> = {
  sql: (key) =>
    `(SELECT coalesce(json_agg(json_build_object('type', x.type, 'value', x.value, 'valueEnc', encode(x.value_enc, 'base64'), 'createdAt', ${isoText('x.created_at')}) ORDER BY x.created_at, x.type), '[]'::json)
      FROM (SELECT type, value, value_enc, created_at FROM customer_identifiers WHERE customer_id = ${key} ORDER BY created_at, type LIMIT 200) x)`,
  parse: (value) =>
    (value as (Omit<StoredIdentifier, 'valueEnc'> & { valueEnc: string | null })[]).map((row) => ({ ...row, valueEnc: row.valueEnc === null ? null : Buffer.from(row.valueEnc, 'base64') })),
};
