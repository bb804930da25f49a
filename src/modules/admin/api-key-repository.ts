import type { Sql } from '../../platform/db/index.js';
import type { ApiKeyDto } from './api-key-schemas.js';

interface ApiKeyRow {
  id: number;
  name: string;
  prefix: string;
  role_id: number;
  user_id: number;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const SELECT_KEY = 'SELECT id, name, prefix, role_id, user_id, created_at, expires_at, last_used_at, revoked_at FROM api_keys';

function toApiKeyDto(row: ApiKeyRow): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    roleId: row.role_id,
    userId: row.user_id,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** Newest first. */
export async function listApiKeys(sql: Sql): Promise<ApiKeyDto[]> {
  return (await sql.query<ApiKeyRow>(`${SELECT_KEY} ORDER BY id DESC`)).rows.map(toApiKeyDto);
}

export async function findApiKey(sql: Sql, id: number, lock = false): Promise<ApiKeyDto | undefined> {
  const row = (await sql.query<ApiKeyRow>(`${SELECT_KEY} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])).rows[0];
  return row && toApiKeyDto(row);
}

export async function insertApiKey(
  sql: Sql,
  key: { name: string; prefix: string; keyHash: Buffer; roleId: number; userId: number; expiresAt: Date | null },
  now: Date,
): Promise<number> {
  const inserted = await sql.query<{ id: number }>(
    `INSERT INTO api_keys (name, prefix, key_hash, role_id, user_id, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [key.name, key.prefix, key.keyHash, key.roleId, key.userId, now, key.expiresAt],
  );
  return inserted.rows[0]!.id;
}

export async function revokeApiKey(sql: Sql, id: number, now: Date): Promise<void> {
  await sql.query('UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, now]);
}
