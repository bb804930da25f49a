import { queryPrepared, type Sql } from '../../platform/db/index.js';

export type StoredIdentifier = {
  type: string;
  value: string | null;
  value_enc: Buffer | null;
  created_at: Date;
};

/** A customer's identifiers, oldest first (at most 200); sealed values stay sealed. */
export async function readIdentifiers(sql: Sql, customerId: number): Promise<StoredIdentifier[]> {
  const rows = await queryPrepared<StoredIdentifier>(sql, 'SELECT type, value, value_enc, created_at FROM customer_identifiers WHERE customer_id = $1 ORDER BY created_at, type LIMIT 200', [customerId]);
  return rows.rows;
}
