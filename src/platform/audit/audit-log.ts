import type { Database, Sql } from '../db/index.js';
import { type AuditEntry, GENESIS_HASH, chainHash, toSecond } from './audit-chain.js';

/** The chain's writer lock, held until the transaction ends. */
export async function lockAuditChain(sql: Sql): Promise<void> {
  await sql.query('SELECT pg_advisory_xact_lock(727372003)');
}

/**
 * Appends entries to the hash chain inside the caller's transaction. The advisory lock orders
 * writers so the chain has no forks; it is held only until that transaction commits, so take it
 * as the last step of a write.
 */
export async function appendAudit(sql: Sql, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await lockAuditChain(sql);
  const last = await sql.query<{ hash: Buffer }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  let prev = last.rows[0]?.hash ?? GENESIS_HASH;
  const columns: unknown[][] = [[], [], [], [], [], [], [], [], [], [], [], []];
  for (const raw of entries) {
    const entry = { ...raw, at: toSecond(raw.at) };
    const hash = chainHash(prev, entry);
    const values = [
      entry.at,
      entry.actorType,
      entry.actorId,
      entry.actorName,
      entry.action,
      entry.object,
      entry.recordId,
      JSON.stringify(entry.changes),
      entry.ip,
      entry.requestId,
      prev,
      hash,
    ];
    values.forEach((v, i) => {
      columns[i]!.push(v);
    });
    prev = hash;
  }
  await sql.query(
    `INSERT INTO audit_log (at, actor_type, actor_id, actor_name, action, object, record_id, changes, ip, request_id, prev_hash, hash)
     SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::jsonb[], $9::text[], $10::text[], $11::bytea[], $12::bytea[])`,
    columns,
  );
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
}

/** Walks the whole chain in id order, recomputing every hash. */
export async function verifyAudit(db: Database, batchSize = 10_000): Promise<VerifyResult> {
  let prev: Buffer = GENESIS_HASH;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const rows = (
      await db.query<AuditRow>(
        `SELECT id, at, actor_type, actor_id, actor_name, action, object, record_id, changes, ip, request_id, prev_hash, hash
         FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2`,
        [afterId, batchSize],
      )
    ).rows;
    if (rows.length === 0) return { ok: true, checked, brokenAt: null };
    for (const row of rows) {
      const entry: AuditEntry = {
        at: row.at,
        actorType: row.actor_type,
        actorId: row.actor_id,
        actorName: row.actor_name,
        action: row.action,
        object: row.object,
        recordId: row.record_id,
        changes: row.changes,
        ip: row.ip,
        requestId: row.request_id,
      };
      if (!row.prev_hash.equals(prev) || !chainHash(prev, entry).equals(row.hash)) {
        return { ok: false, checked, brokenAt: row.id };
      }
      prev = row.hash;
      checked += 1;
      afterId = row.id;
    }
  }
}

interface AuditRow {
  id: number;
  at: Date;
  actor_type: AuditEntry['actorType'];
  actor_id: number | null;
  actor_name: string;
  action: string;
  object: string;
  record_id: string;
  changes: Record<string, unknown>;
  ip: string;
  request_id: string;
  prev_hash: Buffer;
  hash: Buffer;
}
