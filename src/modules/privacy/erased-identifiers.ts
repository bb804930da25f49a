import type { Keyring } from '../../platform/crypto/index.js';
import type { Sql } from '../../platform/db/index.js';
import { normalizeEmail, normalizeMobile } from '../customers/index.js';

/** Identifier kinds remembered after an erasure (anonymousIds are device ids: not kept). */
export const ERASED_TYPES = ['mobile', 'email', 'userId'] as const;
export type ErasedType = (typeof ERASED_TYPES)[number];

/** The canonical form the hash is taken of; null when the value is not a valid identifier. */
export function normalizeErased(type: ErasedType, value: string): string | null {
  if (type === 'mobile') return normalizeMobile(value);
  if (type === 'email') return normalizeEmail(value);
  const id = value.trim();
  return id.length > 0 ? id : null;
}

/** HMAC of the normalized value under the blind-index key, domain-separated per type. */
export function erasedHash(keyring: Keyring, type: ErasedType, value: string): Buffer | null {
  const normalized = normalizeErased(type, value);
  return normalized === null ? null : keyring.blindIndex(`erased:${type}`, normalized);
}

/**
 * Whether this mobile / email / userId belonged to an erased person (any format: `+86 138…`,
 * `138 …`, upper-case email). For ingest and import: such a person's consent stays withdrawn, and
 * re-creating them should be a deliberate decision. Read-only; no permission check (server-side).
 */
export async function wasErased(sql: Sql, keyring: Keyring, type: ErasedType, value: string): Promise<boolean> {
  const hash = erasedHash(keyring, type, value);
  if (hash === null) return false;
  const found = await sql.query('SELECT 1 FROM erased_identifiers WHERE type = $1 AND salted_hash = $2', [type, hash]);
  return (found.rowCount ?? 0) > 0;
}

/** Remembers erased identifiers (idempotent); returns how many distinct ones were given. */
export async function rememberErased(sql: Sql, keyring: Keyring, values: readonly { type: ErasedType; value: string }[], at: Date): Promise<number> {
  const seen = new Map<string, { type: ErasedType; hash: Buffer }>();
  for (const { type, value } of values) {
    const hash = erasedHash(keyring, type, value);
    if (hash) seen.set(`${type}:${hash.toString('hex')}`, { type, hash });
  }
  const rows = [...seen.values()];
  if (rows.length === 0) return 0;
  await sql.query(
    `INSERT INTO erased_identifiers (type, salted_hash, erased_at)
     SELECT t, h, $3 FROM unnest($1::text[], $2::bytea[]) AS u(t, h) ON CONFLICT DO NOTHING`,
    [rows.map((r) => r.type), rows.map((r) => r.hash), at],
  );
  return rows.length;
}
