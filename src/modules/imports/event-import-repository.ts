import { nextIdSql, type Sql } from '../../platform/db/index.js';
import { resolveCustomerRefs } from './order-import-repository.js';
import type { StagingTable } from './staging-repository.js';

/** Event rows as validated in Node; `ref` names the customer as in the orders import (`stagedCustomerRef`). */
export const EVENT_ROWS_STAGE: StagingTable = {
  name: 'event_import_rows',
  columns: ['row_no int', 'ref text', 'type text', 'name text', 'properties text', 'occurred_at timestamptz', 'message_id text'],
};

/**
 * The per-installation import source: a `sources` row whose write-key hash is a fixed 20-byte marker
 * (real hashes are 32-byte SHA-256, so no write key can match it) and that is disabled, so the
 * tracking API never accepts it. Its id scopes the `ingested_messages` claims of imported events.
 */
const IMPORT_SOURCE_MARKER = Buffer.from('relata:events-import');

export async function importSourceId(sql: Sql, now: Date): Promise<number> {
  await sql.query(
    `INSERT INTO sources (name, write_key_hash, write_key_prefix, created_at, disabled_at) VALUES ('Import (CSV / XLSX)', $1, 'import', $2, $2)
     ON CONFLICT (write_key_hash) DO NOTHING`,
    [IMPORT_SOURCE_MARKER, now],
  );
  return Number((await sql.query<{ id: number }>('SELECT id FROM sources WHERE write_key_hash = $1', [IMPORT_SOURCE_MARKER])).rows[0]!.id);
}

/**
 * Resolves each staged event's customer (as the orders import does) and keeps only those writable
 * in the caller's scope (`scopeWhere` over alias t, its parameters first): `problem = 'customer'`
 * otherwise. `existing`: its messageId is already claimed by the import source, or an earlier row
 * of the file carries the same messageId (the first one wins).
 */
export async function stageEvents(sql: Sql, scopeWhere: string, scopeParams: readonly unknown[], sourceId: number): Promise<void> {
  const p = scopeParams.length;
  await resolveCustomerRefs(sql, 'event_import_rows');
  await sql.query(
    `CREATE TEMP TABLE event_import_resolved ON COMMIT DROP AS
     WITH c AS (SELECT r.*, ir.customer_id FROM event_import_rows r LEFT JOIN import_refs ir ON ir.ref = r.ref)
     SELECT c.row_no, c.customer_id, c.type, c.name, c.properties, c.occurred_at, c.message_id, NULL::bigint AS event_id,
            CASE WHEN NOT EXISTS (SELECT 1 FROM customers t WHERE t.id = c.customer_id AND ${scopeWhere}) THEN 'customer' END AS problem,
            c.message_id IS NOT NULL AND (
              row_number() OVER (PARTITION BY c.message_id ORDER BY c.row_no) > 1
              OR EXISTS (SELECT 1 FROM ingested_messages im WHERE im.source_id = $${p + 1} AND im.message_id = c.message_id)) AS existing
     FROM c`,
    [...scopeParams, sourceId],
  );
  await sql.query('ANALYZE event_import_resolved');
}

export interface StagedEventCounts {
  invalid: number;
  /** Valid events a commit stores. */
  fresh: number;
  /** Valid events whose messageId was seen before. */
  existing: number;
}

export async function stagedEventCounts(sql: Sql): Promise<StagedEventCounts> {
  const result = await sql.query<StagedEventCounts>(
    `SELECT count(*) FILTER (WHERE problem IS NOT NULL)::int AS invalid, count(*) FILTER (WHERE problem IS NULL AND NOT existing)::int AS fresh,
            count(*) FILTER (WHERE problem IS NULL AND existing)::int AS existing
     FROM event_import_resolved`,
  );
  return result.rows[0]!;
}

/** Rows refused in SQL (unknown customer or outside the write scope), first `limit` by row. */
export async function refusedEvents(sql: Sql, limit: number): Promise<{ row_no: number }[]> {
  return (await sql.query<{ row_no: number }>('SELECT row_no FROM event_import_resolved WHERE problem IS NOT NULL ORDER BY row_no LIMIT $1', [limit])).rows;
}

/**
 * Stores the valid new events: messageIds claimed in `ingested_messages` in key order (a key a
 * concurrent import claimed first becomes skipped), events inserted with INSERT … SELECT, then the
 * claims completed with customer and event id. Returns the count and the customers that got events.
 */
export async function storeStagedEvents(sql: Sql, sourceId: number, now: Date): Promise<{ events: number; customerIds: number[] }> {
  await sql.query(
    `WITH claimed AS (
       INSERT INTO ingested_messages (source_id, message_id, customer_id, received_at)
       SELECT $1, message_id, customer_id, $2 FROM event_import_resolved WHERE problem IS NULL AND NOT existing AND message_id IS NOT NULL
       ORDER BY message_id ON CONFLICT DO NOTHING RETURNING message_id
     )
     UPDATE event_import_resolved e SET existing = true
     WHERE e.problem IS NULL AND NOT e.existing AND e.message_id IS NOT NULL AND e.message_id NOT IN (SELECT message_id FROM claimed)`,
    [sourceId, now],
  );
  await sql.query(`UPDATE event_import_resolved SET event_id = ${nextIdSql('events')} WHERE problem IS NULL AND NOT existing`);
  const inserted = await sql.query(
    `INSERT INTO events (customer_id, id, type, name, properties, occurred_at, message_id, source_id, received_at)
     SELECT customer_id, event_id, type, name, properties::jsonb, occurred_at, message_id, $1, $2
     FROM event_import_resolved WHERE event_id IS NOT NULL ORDER BY customer_id, event_id`,
    [sourceId, now],
  );
  await sql.query(
    `UPDATE ingested_messages im SET event_id = e.event_id FROM event_import_resolved e
     WHERE im.source_id = $1 AND im.message_id = e.message_id AND e.event_id IS NOT NULL`,
    [sourceId],
  );
  const customers = await sql.query<{ customer_id: number }>('SELECT DISTINCT customer_id FROM event_import_resolved WHERE event_id IS NOT NULL ORDER BY 1');
  return { events: inserted.rowCount ?? 0, customerIds: customers.rows.map((r) => Number(r.customer_id)) };
}
