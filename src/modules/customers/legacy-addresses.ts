import type { Keyring } from '../../platform/crypto/index.js';
import type { Database } from '../../platform/db/index.js';

const BATCH = 5_000;
/** Serialises the move between processes starting at once. */
const LOCK_KEY = 727_372_027;

/**
 * Migration 027 renamed customers.address to address_legacy when it held clear addresses: seals
 * them into address_enc / address_bidx (blind index of the trimmed text, as the record layer writes
 * it) in batches of 5,000, one transaction each, then drops the column. Runs at start-up after the
 * migrations; returns how many addresses it sealed (0 when there is nothing to do).
 */
export async function sealLegacyAddresses(db: Database, keyring: Keyring, onBatch?: (sealed: number) => void): Promise<number> {
  const present = async () =>
    (await db.query(`SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'customers' AND column_name = 'address_legacy'`)).rowCount !== 0;
  if (!(await present())) return 0;
  let sealed = 0;
  for (;;) {
    const done = await db.tx(async (sql) => {
      await sql.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      if (!(await present())) return true;
      const rows = (await sql.query<{ id: number; address: string }>('SELECT id, address_legacy AS address FROM customers WHERE address_legacy IS NOT NULL ORDER BY id LIMIT $1 FOR UPDATE', [BATCH])).rows;
      if (rows.length === 0) {
        await sql.query('ALTER TABLE customers DROP COLUMN address_legacy');
        return true;
      }
      const values = rows.map((r) => r.address.trim());
      await sql.query(
        `UPDATE customers c SET address_enc = u.enc, address_bidx = u.bidx, address_legacy = NULL
         FROM unnest($1::bigint[], $2::bytea[], $3::bytea[]) AS u(id, enc, bidx) WHERE c.id = u.id`,
        [rows.map((r) => r.id), values.map((v) => (v === '' ? null : keyring.encrypt(v))), values.map((v) => (v === '' ? null : keyring.blindIndex('address', v)))],
      );
      sealed += rows.length;
      onBatch?.(sealed);
      return false;
    });
    if (done) return sealed;
  }
}
