import type { Clock } from '../clock.js';
import type { Database } from '../db/index.js';
import { AppError } from '../errors/index.js';
import type { Actor } from '../permissions/index.js';
import { tokenHash } from './passwords.js';

export const API_KEY_PREFIX = 'rk_';

/**
 * Resolves a bearer credential — a session token or an API key (`rk_…`) — to the actor. Keys and
 * tokens are stored only as SHA-256 hashes. Revoked, expired or disabled → `auth.token_invalid`.
 */
export interface Authentication {
  actor: Actor;
  /** When the credential stops being valid (null: an API key without expiry). */
  expiresAt: Date | null;
}

export async function authenticate(db: Database, clock: Clock, credential: string): Promise<Authentication> {
  const hash = tokenHash(credential);
  const now = clock.now();
  if (credential.startsWith(API_KEY_PREFIX)) {
    const row = (
      await db.query<{ id: number; user_id: number; role_id: number; name: string; status: string; expires_at: Date | null }>(
        `SELECT k.id, k.user_id, k.role_id, k.name, u.status, k.expires_at FROM api_keys k JOIN users u ON u.id = k.user_id
         WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > $2)`,
        [hash, now],
      )
    ).rows[0];
    if (row?.status !== 'active') throw new AppError('auth.token_invalid');
    // last_used_at at minute precision: avoids a write on every request.
    await db.query(
      `UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
      [row.id, now],
    );
    return {
      actor: { type: 'api_key', userId: row.user_id, apiKeyId: row.id, name: `API key ${row.name}`, roleIds: [row.role_id] },
      expiresAt: row.expires_at,
    };
  }
  const row = (
    await db.query<{ user_id: number; name: string; status: string; role_ids: number[]; expires_at: Date }>(
      `SELECT s.user_id, u.name, u.status, s.expires_at,
         coalesce((SELECT array_agg(role_id) FROM user_roles WHERE user_id = u.id), '{}') AS role_ids
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2`,
      [hash, now],
    )
  ).rows[0];
  if (!row) throw new AppError('auth.token_invalid');
  if (row.status !== 'active') throw new AppError('auth.user_disabled');
  return { actor: { type: 'user', userId: row.user_id, name: row.name, roleIds: row.role_ids.map(Number) }, expiresAt: row.expires_at };
}
