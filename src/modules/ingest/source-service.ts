import { appendAudit } from '../../platform/audit/index.js';
import { issueSecretKey } from '../../platform/auth/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { AppDeps } from '../../platform/http/index.js';
import { auditEntry, type RequestContext } from '../../platform/records/index.js';
import { disableSource, findSource, insertSource, listSources, type SourceDto } from './source-repository.js';

/** Write keys start with this, so a leaked one is recognisable (secret scanners, logs). */
export const WRITE_KEY_PREFIX = 'wk_';

/**
 * Tracking sources (a website, an app, a server): each has a write key that SDKs send as the HTTP
 * Basic user name. The key is answered once; only its SHA-256 hash and first characters are kept.
 */
export class SourceService {
  constructor(private readonly deps: Pick<AppDeps, 'db' | 'clock'>) {}

  list(): Promise<SourceDto[]> {
    return listSources(this.deps.db);
  }

  async create(ctx: RequestContext, name: string): Promise<{ id: number; name: string; writeKey: string }> {
    const { key: writeKey, displayPrefix: prefix, hash } = issueSecretKey(WRITE_KEY_PREFIX);
    const now = this.deps.clock.now();
    const id = await this.deps.db.tx(async (sql) => {
      const created = await insertSource(sql, { name, keyHash: hash, prefix, createdBy: ctx.access.actor.userId }, now);
      await appendAudit(sql, [auditEntry(ctx, now, 'source.create', 'source', String(created), { name: [null, name], prefix: [null, prefix] })]);
      return created;
    });
    return { id, name, writeKey };
  }

  /** Disables at once (the next call with the key answers 401); disabling twice changes nothing. */
  async disable(ctx: RequestContext, id: number): Promise<void> {
    await this.deps.db.tx(async (sql) => {
      const before = await findSource(sql, id, true);
      if (!before) throw new AppError('record.not_found');
      if (before.disabledAt) return;
      const now = this.deps.clock.now();
      await disableSource(sql, id, now);
      await appendAudit(sql, [auditEntry(ctx, now, 'source.disable', 'source', String(id), { name: before.name, disabledAt: [null, now.toISOString()] })]);
    });
  }
}
