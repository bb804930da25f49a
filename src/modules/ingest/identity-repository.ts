import type { Sql } from '../../platform/db/index.js';
import type { IdentifierType } from './identifier-extraction.js';
import type { Candidate } from './merge-plan.js';

/** Anonymous visitors get a customer row of their own so every event has a customer_id. */
export const ANONYMOUS_NAME = '匿名访客';

export interface IdentifierKey {
  type: IdentifierType;
  hash: Buffer;
}

export interface NewIdentifier extends IdentifierKey {
  customerId: number;
  /** Sealed value for email/mobile, else null. */
  sealed: Buffer | null;
  /** Clear value for userId/anonymousId, else null. */
  clear: string | null;
}

/**
 * Serialises resolution per identifier across transactions (two first page views of one new visitor
 * arriving at once must create one customer, not two). Keys in ascending order: no deadlock
 * between batches that share identifiers.
 */
export async function lockIdentifiers(sql: Sql, hashes: readonly Buffer[]): Promise<void> {
  const keys = [...new Set(hashes.map((h) => h.readBigInt64BE(0)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (keys.length === 0) return;
  await sql.query('SELECT count(pg_advisory_xact_lock(k)) FROM unnest($1::bigint[]) WITH ORDINALITY AS t(k, i)', [keys.map(String)]);
}

/** Which customer holds each of these identifiers (those held by none are absent). */
export async function findIdentifierOwners(sql: Sql, keys: readonly IdentifierKey[]): Promise<{ type: IdentifierType; hash: Buffer; customerId: number }[]> {
  if (keys.length === 0) return [];
  const rows = await sql.query<{ type: IdentifierType; value_hash: Buffer; customer_id: number }>(
    `SELECT ci.type, ci.value_hash, ci.customer_id FROM customer_identifiers ci
     JOIN unnest($1::text[], $2::bytea[]) AS k(type, value_hash) ON ci.type = k.type AND ci.value_hash = k.value_hash`,
    [keys.map((k) => k.type), keys.map((k) => k.hash)],
  );
  return rows.rows.map((r) => ({ type: r.type, hash: r.value_hash, customerId: r.customer_id }));
}

export async function insertIdentifiers(sql: Sql, identifiers: readonly NewIdentifier[], now: Date): Promise<void> {
  if (identifiers.length === 0) return;
  await sql.query(
    `INSERT INTO customer_identifiers (customer_id, type, value_hash, value_enc, value, created_at)
     SELECT customer_id, type, value_hash, value_enc, value, $6 FROM unnest($1::bigint[], $2::text[], $3::bytea[], $4::bytea[], $5::text[])
       AS t(customer_id, type, value_hash, value_enc, value)
     ON CONFLICT DO NOTHING`,
    [identifiers.map((i) => i.customerId), identifiers.map((i) => i.type), identifiers.map((i) => i.hash), identifiers.map((i) => i.sealed), identifiers.map((i) => i.clear), now],
  );
}

/** A new customer for a visitor nobody knows yet: a person without owner. */
export async function insertAnonymousCustomer(sql: Sql, now: Date): Promise<number> {
  const inserted = await sql.query<{ id: number }>(
    `INSERT INTO customers (name, kind, created_at, updated_at) VALUES ($1, 'person', $2, $2) RETURNING id`,
    [ANONYMOUS_NAME, now],
  );
  return inserted.rows[0]!.id;
}

/**
 * FOR KEY SHARE on the customers a batch resolved to: a concurrent merge cannot delete them before
 * this batch commits its events (profile UPDATEs by other batches are not blocked).
 */
export async function lockCustomers(sql: Sql, customerIds: readonly number[]): Promise<void> {
  if (customerIds.length > 0) await sql.query('SELECT id FROM customers WHERE id = ANY($1) ORDER BY id FOR KEY SHARE', [customerIds]);
}

/** Creation time and linked userIds of each customer, for choosing the merge master. */
export async function loadCandidates(sql: Sql, customerIds: readonly number[]): Promise<Candidate[]> {
  const rows = await sql.query<{ id: number; created_at: Date; user_ids: string[] }>(
    `SELECT c.id, c.created_at,
            coalesce(array_agg(ci.value) FILTER (WHERE ci.type = 'userId'), '{}') AS user_ids
     FROM customers c LEFT JOIN customer_identifiers ci ON ci.customer_id = c.id
     WHERE c.id = ANY($1) GROUP BY c.id`,
    [customerIds],
  );
  return rows.rows.map((r) => ({ customerId: r.id, createdAt: r.created_at, userIds: r.user_ids }));
}

export interface ProfileChange {
  name: string | null;
  mobile: { sealed: Buffer; index: Buffer } | null;
  email: { sealed: Buffer; index: Buffer } | null;
}

/** identify traits onto the profile: given values replace, absent ones stay. */
export async function updateProfile(sql: Sql, customerId: number, change: ProfileChange, now: Date): Promise<void> {
  await sql.query(
    `UPDATE customers SET name = coalesce($2, name),
       mobile_enc = coalesce($3, mobile_enc), mobile_bidx = coalesce($4, mobile_bidx),
       email_enc = coalesce($5, email_enc), email_bidx = coalesce($6, email_bidx), updated_at = $7
     WHERE id = $1`,
    [customerId, change.name, change.mobile?.sealed ?? null, change.mobile?.index ?? null, change.email?.sealed ?? null, change.email?.index ?? null, now],
  );
}

export async function findCustomerByIdentifier(sql: Sql, key: IdentifierKey): Promise<number | undefined> {
  const row = (await sql.query<{ customer_id: number }>('SELECT customer_id FROM customer_identifiers WHERE type = $1 AND value_hash = $2', [key.type, key.hash])).rows[0];
  return row?.customer_id;
}
