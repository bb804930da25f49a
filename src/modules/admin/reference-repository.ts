import type { Sql } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';

type ReferenceTable = 'users' | 'departments' | 'roles';
const NOUN: Record<ReferenceTable, string> = { users: 'user', departments: 'department', roles: 'role' };

/**
 * Refuses (400 `field.invalid_value` naming `field`) unless every id exists in `table`. The rows are
 * locked FOR KEY SHARE, so a concurrent delete waits for this transaction instead of breaking its
 * foreign key with a 500.
 */
export async function assertReferences(sql: Sql, table: ReferenceTable, ids: readonly number[], field: string): Promise<void> {
  if (ids.length === 0) return;
  const found = await sql.query<{ id: number }>(`SELECT id FROM ${table} WHERE id = ANY($1::bigint[]) FOR KEY SHARE`, [ids]);
  const known = new Set(found.rows.map((row) => row.id));
  const missing = ids.find((id) => !known.has(id));
  if (missing !== undefined) {
    throw new AppError('field.invalid_value', { field, params: { field, reason: `no such ${NOUN[table]} (${missing})` } });
  }
}

/** PostgreSQL's foreign_key_violation (23503): a row is still referenced. */
export function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23503';
}
