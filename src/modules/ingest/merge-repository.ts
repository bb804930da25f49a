import type { Sql } from '../../platform/db/index.js';
import { ANONYMOUS_NAME } from './identity-repository.js';

/**
 * Moves everything the merged customers own to the master — events, identifiers, idempotency
 * records, orders, team members — fills the master's empty profile fields from the most recently
 * updated merged customer (a real name replaces 匿名访客), then deletes the merged rows.
 * Returns how many events moved.
 */
export async function mergeCustomerRows(sql: Sql, masterId: number, mergedIds: readonly number[], now: Date): Promise<number> {
  const ids = [...mergedIds];
  // Waits for batches that resolved to the merged customers (they hold FOR KEY SHARE, see
  // lockCustomers) to commit, so their events are moved below instead of left on a deleted id.
  await sql.query('SELECT id FROM customers WHERE id = ANY($1) ORDER BY id FOR UPDATE', [ids]);
  const moved = await sql.query('UPDATE events SET customer_id = $1 WHERE customer_id = ANY($2)', [masterId, ids]);
  await sql.query('UPDATE customer_identifiers SET customer_id = $1 WHERE customer_id = ANY($2)', [masterId, ids]);
  await sql.query('UPDATE ingested_messages SET customer_id = $1 WHERE customer_id = ANY($2)', [masterId, ids]);
  await sql.query('UPDATE orders SET customer_id = $1 WHERE customer_id = ANY($2)', [masterId, ids]);
  // The orders module's line items and idempotency keys follow their orders (same transaction).
  await sql.query('UPDATE order_lines SET customer_id = $1 WHERE customer_id = ANY($2)', [masterId, ids]);
  await sql.query('UPDATE order_keys SET customer_id = $1 WHERE customer_id = ANY($2)', [masterId, ids]);
  await sql.query(
    `INSERT INTO customer_team (customer_id, user_id, access)
     SELECT $1, user_id, max(access) FROM customer_team WHERE customer_id = ANY($2) GROUP BY user_id
     ON CONFLICT DO NOTHING`,
    [masterId, ids],
  );
  await sql.query('DELETE FROM customer_team WHERE customer_id = ANY($1)', [ids]);
  await sql.query(
    `WITH donor AS (SELECT * FROM customers WHERE id = ANY($2) ORDER BY updated_at DESC, id DESC)
     UPDATE customers m SET
       name = CASE WHEN m.name = $4 THEN coalesce((SELECT name FROM donor WHERE name <> $4 LIMIT 1), m.name) ELSE m.name END,
       mobile_enc = coalesce(m.mobile_enc, (SELECT mobile_enc FROM donor WHERE mobile_enc IS NOT NULL LIMIT 1)),
       mobile_bidx = coalesce(m.mobile_bidx, (SELECT mobile_bidx FROM donor WHERE mobile_enc IS NOT NULL LIMIT 1)),
       email_enc = coalesce(m.email_enc, (SELECT email_enc FROM donor WHERE email_enc IS NOT NULL LIMIT 1)),
       email_bidx = coalesce(m.email_bidx, (SELECT email_bidx FROM donor WHERE email_enc IS NOT NULL LIMIT 1)),
       owner_id = coalesce(m.owner_id, (SELECT owner_id FROM donor WHERE owner_id IS NOT NULL LIMIT 1)),
       updated_at = $3
     WHERE m.id = $1`,
    [masterId, ids, now, ANONYMOUS_NAME],
  );
  await sql.query('DELETE FROM customers WHERE id = ANY($1)', [ids]);
  return moved.rowCount ?? 0;
}
