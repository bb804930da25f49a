import { nextIdSql, type Sql } from '../../platform/db/index.js';
import { holdRecordsSql } from '../../platform/records/index.js';
import { customerObject } from '../customers/index.js';
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
 * The locks a batch's resolution takes, in one statement: first advisory locks on identifiers it may
 * create or merge over (two first page views of one new visitor arriving at once must create one
 * customer, not two), in ascending key order so batches sharing identifiers cannot deadlock; then a
 * hold on the customers it resolved to (holdRecordsSql: shared advisory locks, no row writes), so a
 * concurrent merge or delete cannot remove them before this batch commits its events (profile
 * UPDATEs by other batches are not blocked). UNION ALL runs its branches in order.
 */
export async function lockResolution(sql: Sql, identifierHashes: readonly Buffer[], customerIds: readonly number[]): Promise<void> {
  const keys = [...new Set(identifierHashes.map((h) => h.readBigInt64BE(0)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (keys.length === 0 && customerIds.length === 0) return;
  await sql.query(
    `SELECT count(*) FROM (
       SELECT 1 FROM (SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) WITH ORDINALITY AS t(k, i) ORDER BY i) a
       UNION ALL
       SELECT 1 FROM (${holdRecordsSql(customerObject, '$2::bigint[]', customerIds.length)}) c
     ) l`,
    [keys.map(String), customerIds],
  );
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

/** `count` ids from the customers' identity sequence, for customers a batch will insert at its flush. */
export async function allocateCustomerIds(sql: Sql, count: number): Promise<number[]> {
  const rows = await sql.query<{ id: number }>(`SELECT ${nextIdSql('customers')} AS id FROM generate_series(1, $1)`, [count]);
  return rows.rows.map((r) => r.id);
}

/**
 * New customers for visitors nobody knew (people without owner), with the profile their identify
 * traits gave in the same batch — one statement for the batch.
 */
export async function insertCustomers(sql: Sql, customers: ReadonlyMap<number, ProfileChange>, now: Date): Promise<void> {
  if (customers.size === 0) return;
  const entries = [...customers];
  await sql.query(
    `INSERT INTO customers (id, name, kind, mobile_enc, mobile_bidx, email_enc, email_bidx, created_at, updated_at)
     SELECT id, coalesce(name, $6), 'person', mobile_enc, mobile_bidx, email_enc, email_bidx, $7, $7
     FROM unnest($1::bigint[], $2::text[], $3::bytea[], $4::bytea[], $5::bytea[], $8::bytea[]) AS t(id, name, mobile_enc, mobile_bidx, email_enc, email_bidx)`,
    [
      entries.map(([id]) => id),
      entries.map(([, c]) => c.name),
      entries.map(([, c]) => c.mobile?.sealed ?? null),
      entries.map(([, c]) => c.mobile?.index ?? null),
      entries.map(([, c]) => c.email?.sealed ?? null),
      ANONYMOUS_NAME,
      now,
      entries.map(([, c]) => c.email?.index ?? null),
    ],
  );
}

/** Creation time and how many identifiers of each type each customer holds (identity rules' limits). */
export async function loadCandidates(sql: Sql, customerIds: readonly number[]): Promise<Candidate[]> {
  const rows = await sql.query<{ id: number; created_at: Date; counts: Record<string, number> }>(
    `SELECT c.id, c.created_at,
            coalesce((SELECT jsonb_object_agg(type, n) FROM (SELECT type, count(*)::int AS n FROM customer_identifiers ci WHERE ci.customer_id = c.id GROUP BY type) k), '{}') AS counts
     FROM customers c WHERE c.id = ANY($1)`,
    [customerIds],
  );
  return rows.rows.map((r) => ({ customerId: r.id, createdAt: r.created_at, counts: r.counts }));
}

export interface ProfileChange {
  name: string | null;
  mobile: { sealed: Buffer; index: Buffer } | null;
  email: { sealed: Buffer; index: Buffer } | null;
}

/**
 * identify traits onto existing profiles, one statement per batch: given values replace, absent ones
 * stay. A profile the traits would not change (the same name, the same mobile / e-mail by blind
 * index) is not written — SDKs repeat identify on every sign-in — and its id is not returned.
 * Returns the ids of the profiles that changed.
 */
export async function updateProfiles(sql: Sql, changes: ReadonlyMap<number, ProfileChange>, now: Date): Promise<Set<number>> {
  if (changes.size === 0) return new Set();
  const entries = [...changes];
  const changed = await sql.query<{ id: number }>(
    `UPDATE customers c SET name = coalesce(t.name, c.name),
       mobile_enc = coalesce(t.mobile_enc, c.mobile_enc), mobile_bidx = coalesce(t.mobile_bidx, c.mobile_bidx),
       email_enc = coalesce(t.email_enc, c.email_enc), email_bidx = coalesce(t.email_bidx, c.email_bidx), updated_at = $7
     FROM unnest($1::bigint[], $2::text[], $3::bytea[], $4::bytea[], $5::bytea[], $6::bytea[]) AS t(id, name, mobile_enc, mobile_bidx, email_enc, email_bidx)
     WHERE c.id = t.id
       AND (t.name IS NOT NULL AND t.name IS DISTINCT FROM c.name
            OR t.mobile_bidx IS NOT NULL AND t.mobile_bidx IS DISTINCT FROM c.mobile_bidx
            OR t.email_bidx IS NOT NULL AND t.email_bidx IS DISTINCT FROM c.email_bidx)
     RETURNING c.id`,
    [
      entries.map(([id]) => id),
      entries.map(([, c]) => c.name),
      entries.map(([, c]) => c.mobile?.sealed ?? null),
      entries.map(([, c]) => c.mobile?.index ?? null),
      entries.map(([, c]) => c.email?.sealed ?? null),
      entries.map(([, c]) => c.email?.index ?? null),
      now,
    ],
  );
  return new Set(changed.rows.map((r) => Number(r.id)));
}

/** Later values win; a value a later change leaves out stays. */
export function combineProfileChanges(earlier: ProfileChange | undefined, later: ProfileChange): ProfileChange {
  if (earlier === undefined) return later;
  return { name: later.name ?? earlier.name, mobile: later.mobile ?? earlier.mobile, email: later.email ?? earlier.email };
}

export async function findCustomerByIdentifier(sql: Sql, key: IdentifierKey): Promise<number | undefined> {
  const row = (await sql.query<{ customer_id: number }>('SELECT customer_id FROM customer_identifiers WHERE type = $1 AND value_hash = $2', [key.type, key.hash])).rows[0];
  return row?.customer_id;
}
