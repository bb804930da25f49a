import type { Sql } from '../../platform/db/index.js';
import type { EventRow } from './event-row.js';

/**
 * Claims the idempotency keys (source, messageId) of a batch and returns those claimed now. A key
 * committed earlier, or held by a concurrent transaction that then commits, is not returned: that
 * message is already stored. Keys go in sorted order so overlapping batches cannot deadlock.
 */
export async function claimMessages(sql: Sql, sourceId: number, messageIds: readonly string[], now: Date): Promise<Set<string>> {
  if (messageIds.length === 0) return new Set();
  const rows = await sql.query<{ message_id: string }>(
    `INSERT INTO ingested_messages (source_id, message_id, received_at)
     SELECT $1, m, $3 FROM unnest($2::text[]) WITH ORDINALITY AS t(m, i) ORDER BY i
     ON CONFLICT DO NOTHING RETURNING message_id`,
    [sourceId, [...messageIds].sort(), now],
  );
  return new Set(rows.rows.map((r) => r.message_id));
}

/** One multi-row INSERT; returns the new event ids in the order of `rows`. */
export async function insertEvents(sql: Sql, rows: readonly EventRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const column = <K extends keyof EventRow>(key: K) => rows.map((r) => r[key]);
  const inserted = await sql.query<{ id: number; i: number }>(
    `WITH input AS (
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::bigint[],
                            $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::timestamptz[])
         WITH ORDINALITY AS t(customer_id, type, name, properties, occurred_at, message_id, source_id, anonymous_id, user_id, context, received_at, sent_at, i)
     ), ins AS (
       INSERT INTO events (customer_id, type, name, properties, occurred_at, message_id, source_id, anonymous_id, user_id, context, received_at, sent_at)
       SELECT customer_id, type, name, properties::jsonb, occurred_at, message_id, source_id, anonymous_id, user_id, context::jsonb, received_at, sent_at
       FROM input ORDER BY i RETURNING id, source_id, message_id
     )
     SELECT ins.id, input.i::int AS i FROM ins JOIN input ON input.message_id = ins.message_id AND input.source_id = ins.source_id`,
    [
      column('customerId'), column('type'), column('name'), column('properties'), column('occurredAt'), column('messageId'), column('sourceId'),
      column('anonymousId'), column('userId'), column('context'), column('receivedAt'), column('sentAt'),
    ],
  );
  const ids: number[] = new Array(rows.length);
  for (const row of inserted.rows) ids[row.i - 1] = row.id;
  return ids;
}

/** Completes the claimed idempotency records with where the message went. */
export async function recordIngested(sql: Sql, sourceId: number, items: readonly { messageId: string; customerId: number; eventId: number }[]): Promise<void> {
  if (items.length === 0) return;
  await sql.query(
    `UPDATE ingested_messages im SET customer_id = t.customer_id, event_id = t.event_id
     FROM unnest($2::text[], $3::bigint[], $4::bigint[]) AS t(message_id, customer_id, event_id)
     WHERE im.source_id = $1 AND im.message_id = t.message_id`,
    [sourceId, items.map((i) => i.messageId), items.map((i) => i.customerId), items.map((i) => i.eventId)],
  );
}
