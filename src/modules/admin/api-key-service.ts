import { appendAudit } from '../../platform/audit/index.js';
import { API_KEY_PREFIX, issueSecretKey } from '../../platform/auth/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { AppDeps } from '../../platform/http/index.js';
import { auditEntry, type RequestContext } from '../../platform/records/index.js';
import { findApiKey, insertApiKey, listApiKeys, revokeApiKey } from './api-key-repository.js';
import type { ApiKeyDto, CreateApiKeyInput, CreatedApiKey } from './api-key-schemas.js';
import { assertReferences } from './reference-repository.js';

/** Characters of the key kept in clear for display: `rk_` plus five more. */

/**
 * API keys: bound to one role and to the admin who created them (data scopes are relative to that
 * user). The key is shown once; only its SHA-256 hash and first characters are stored.
 */
export class ApiKeyService {
  constructor(private readonly deps: Pick<AppDeps, 'db' | 'clock'>) {}

  list(): Promise<ApiKeyDto[]> {
    return listApiKeys(this.deps.db);
  }

  create(ctx: RequestContext, input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const now = this.deps.clock.now();
    const expiresAt = input.expiresAt === undefined ? null : new Date(input.expiresAt);
    if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt <= now)) {
      throw new AppError('field.invalid_value', { field: 'expiresAt', params: { field: 'expiresAt', reason: 'must be a future time' } });
    }
    const { key, displayPrefix: prefix, hash } = issueSecretKey(API_KEY_PREFIX);
    return this.deps.db.tx(async (sql) => {
      await assertReferences(sql, 'roles', [input.roleId], 'roleId');
      const row = { name: input.name, prefix, keyHash: hash, roleId: input.roleId, userId: ctx.access.actor.userId, expiresAt };
      const id = await insertApiKey(sql, row, now);
      const changes = { name: [null, input.name], roleId: [null, input.roleId], prefix: [null, prefix], expiresAt: [null, expiresAt?.toISOString() ?? null] };
      await appendAudit(sql, [auditEntry(ctx, now, 'api_key.create', 'api_key', String(id), changes)]);
      return { id, key };
    });
  }

  /** Revokes at once (the next request with the key answers 401); revoking twice changes nothing. */
  async revoke(ctx: RequestContext, id: number): Promise<void> {
    await this.deps.db.tx(async (sql) => {
      const before = await findApiKey(sql, id, true);
      if (!before) throw new AppError('api_key.not_found');
      if (before.revokedAt) return;
      const now = this.deps.clock.now();
      await revokeApiKey(sql, id, now);
      await appendAudit(sql, [auditEntry(ctx, now, 'api_key.revoke', 'api_key', String(id), { name: before.name, revokedAt: [null, now.toISOString()] })]);
    });
  }
}
