import type { Sql } from '../db/index.js';
import type { ObjectDefinition } from './field-definition.js';

/**
 * Keeping records alive without writing them. A transaction that stores rows pointing at records
 * of an object with a `removalLockClass` (events and identifiers at customers) *holds* them until it
 * ends: a shared advisory lock per id, kept in PostgreSQL's lock table, with no tuple write and no
 * WAL. (FOR KEY SHARE on the rows wrote each locked row's page, a full-page image after every
 * checkpoint: 85 customers of one tracking batch cost 0.7 MB of WAL.) Whatever deletes such
 * records (remove, merge) first *locks them for removal*, exclusively on the same keys, before any
 * row lock: it waits for the holders to commit, and no new hold starts until it ends.
 *
 * The lock table is finite (max_locks_per_transaction × connections), so a hold of more than
 * HOLD_LIMIT ids locks the rows FOR KEY SHARE instead; the removers' row locks conflict with that.
 * Keys are the id's low 31 bits: two ids sharing a key only wait for each other.
 */
export const HOLD_LIMIT = 256;

/** The distinct lock keys of a bigint[] parameter, ascending (holders and removers lock in the same order). */
const orderedKeys = (idsParam: string) => `(SELECT DISTINCT (i & 2147483647)::int AS k FROM unnest(${idsParam}) AS i) ids ORDER BY k`;

/**
 * SQL (a SELECT of one row per lock) that holds the ids in `idsParam` (a bigint[] parameter such
 * as `$2::bigint[]`, `count` of them), in key order, for combining with other locks in one
 * statement. Objects without a removal lock class hold the rows FOR KEY SHARE.
 */
export function holdRecordsSql(object: ObjectDefinition, idsParam: string, count: number): string {
  if (object.removalLockClass === undefined || count > HOLD_LIMIT) {
    return `SELECT 1 FROM (SELECT id FROM ${object.table} WHERE id = ANY(${idsParam}) ORDER BY id FOR KEY SHARE) held`;
  }
  // The lock calls run after the sort (volatile target-list functions are evaluated last).
  return `SELECT pg_advisory_xact_lock_shared(${object.removalLockClass}, k) FROM ${orderedKeys(idsParam)}`;
}

/** Holds the records (see holdRecordsSql) until the transaction ends. */
export async function holdRecords(sql: Sql, object: ObjectDefinition, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await sql.query(`SELECT count(*) FROM (${holdRecordsSql(object, '$1::bigint[]', ids.length)}) l`, [ids]);
}

/**
 * Before deleting records: waits until no transaction holds them and keeps new holds out until this
 * transaction ends. Call it before taking row locks on them, so holders that go on to update those
 * rows cannot deadlock with it.
 */
export async function lockRecordsForRemoval(sql: Sql, object: ObjectDefinition, ids: readonly number[]): Promise<void> {
  if (object.removalLockClass === undefined || ids.length === 0) return;
  await sql.query(`SELECT count(*) FROM (SELECT pg_advisory_xact_lock(${object.removalLockClass}, k) FROM ${orderedKeys('$1::bigint[]')}) l`, [ids]);
}
