import type { Keyring } from '../../platform/crypto/index.js';
import type { Sql } from '../../platform/db/index.js';
import { normalizeIdentifierValue } from '../ingest/index.js';

/** Identifier kinds remembered after an erasure (anonymousIds are device ids: not kept). */
export const ERASED_TYPES = ['mobile', 'email', 'userId'] as const;
export type ErasedType = (typeof ERASED_TYPES)[number];

/** The canonical form the hash is taken of; null when the value is not a valid identifier. */
export function normalizeErased(type: ErasedType, value: string): string | null {
  return normalizeIdentifierValue(type, value);
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
  return (await findErased(sql, keyring, [{ type, value }])).size > 0;
}

/**
 * Whether anyone was ever erased with an identifier of these types: most databases have erased
 * nobody, and then no value needs hashing (an import of 1M rows would otherwise compute 2M keyed
 * hashes, and build the list of them, to find nothing).
 */
export async function anyErased(sql: Sql, types: readonly ErasedType[]): Promise<boolean> {
  if (types.length === 0) return false;
  return ((await sql.query('SELECT 1 FROM erased_identifiers WHERE type = ANY($1::text[]) LIMIT 1', [types])).rowCount ?? 0) > 0;
}

/**
 * The set form of `wasErased`, one statement for any number of values: returns the inputs that
 * were erased, as `${type}:${value}` keys (value as given). Invalid values are never erased.
 */
export async function findErased(sql: Sql, keyring: Keyring, values: readonly { type: ErasedType; value: string }[]): Promise<Set<string>> {
  const erased = new Set<string>();
  if (values.length === 0) return erased;
  if (!(await anyErased(sql, [...new Set(values.map((v) => v.type))]))) return erased;
  const byHash = new Map<string, string[]>();
  const types: string[] = [];
  const hashes: Buffer[] = [];
  for (const { type, value } of values) {
    const hash = erasedHash(keyring, type, value);
    if (hash === null) continue;
    const key = `${type}:${hash.toString('hex')}`;
    if (!byHash.has(key)) {
      types.push(type);
      hashes.push(hash);
    }
    byHash.set(key, [...(byHash.get(key) ?? []), `${type}:${value}`]);
  }
  if (hashes.length === 0) return erased;
  const found = await sql.query<{ type: string; h: Buffer }>(
    'SELECT e.type, e.salted_hash AS h FROM erased_identifiers e JOIN unnest($1::text[], $2::bytea[]) AS u(t, h) ON e.type = u.t AND e.salted_hash = u.h',
    [types, hashes],
  );
  for (const row of found.rows) for (const input of byHash.get(`${row.type}:${row.h.toString('hex')}`) ?? []) erased.add(input);
  return erased;
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
