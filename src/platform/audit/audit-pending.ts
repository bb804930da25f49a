import type { Database, Sql } from '../db/index.js';
import type { AuditEntry } from './audit-chain.js';
import { appendAudit, lockAuditChain } from './audit-log.js';

type StoredEntry = Omit<AuditEntry, 'at'> & { at: string };

/**
 * Records audit entries in the caller's transaction without joining the hash chain yet (no chain
 * lock, so concurrent writers do not queue behind each other's commits). `sealPendingAudit` chains
 * them later, in the order they were queued. For writers whose volume makes the chain lock the
 * bottleneck (tracking ingest); everything else uses `appendAudit`.
 */
export async function queueAudit(sql: Sql, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await sql.query('INSERT INTO audit_pending (entry) SELECT unnest($1::jsonb[])', [entries.map((e) => JSON.stringify({ ...e, at: e.at.toISOString() }))]);
}

/**
 * Moves up to `limit` queued entries into the hash chain, oldest first, in one transaction under
 * the chain lock; returns how many. Safe to run from several processes at once.
 */
export async function sealPendingAudit(db: Database, limit = 5000): Promise<number> {
  // Polled every 250 ms by the worker: an idle check costs one statement, not a transaction.
  if ((await db.query('SELECT 1 FROM audit_pending LIMIT 1')).rowCount === 0) return 0;
  return db.tx(async (sql) => {
    await lockAuditChain(sql);
    const rows = await sql.query<{ id: number; entry: StoredEntry }>(
      'DELETE FROM audit_pending WHERE id IN (SELECT id FROM audit_pending ORDER BY id LIMIT $1) RETURNING id, entry',
      [limit],
    );
    const entries = rows.rows.sort((a, b) => a.id - b.id).map(({ entry }) => ({ ...entry, at: new Date(entry.at) }));
    await appendAudit(sql, entries);
    return entries.length;
  });
}

/** Seals until nothing is pending (readers call it so they see every committed entry). */
export async function sealAllPendingAudit(db: Database): Promise<number> {
  let sealed = 0;
  for (let n = await sealPendingAudit(db); n > 0; n = await sealPendingAudit(db)) sealed += n;
  return sealed;
}
