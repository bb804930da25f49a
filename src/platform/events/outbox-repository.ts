import type { Clock } from '../clock.js';
import type { Sql } from '../db/index.js';
import type { OutboxEvent, PublishRequest } from './outbox-event.js';
import { isValidTopic } from './topic-pattern.js';

/**
 * Records a domain event in the caller's transaction: it becomes visible to the dispatcher only if
 * that transaction commits, and vanishes with a rollback. Returns the event id.
 *
 * @example
 * await db.tx(async (sql) => {
 *   const id = await insertCustomer(sql, input);
 *   await publish(sql, { topic: 'customer.created', aggregateType: 'customer', aggregateId: String(id), payload: { id } }, clock);
 * });
 */
export async function publish(sql: Sql, event: PublishRequest, clock: Clock): Promise<number> {
  const [id] = await publishMany(sql, [event], clock);
  return id!;
}

/**
 * Several domain events in one multi-row INSERT (a batch of 1,000 orders is one statement, not
 * 1,000), with the same checks and meaning as `publish`. Returns the event ids in input order.
 */
export async function publishMany(sql: Sql, events: readonly PublishRequest[], clock: Clock): Promise<number[]> {
  if (events.length === 0) return [];
  for (const event of events) {
    if (!isValidTopic(event.topic)) {
      throw new RangeError(`invalid event topic ${JSON.stringify(event.topic)}: expected e.g. 'customer.created'`);
    }
    if (event.aggregateType.length === 0) throw new RangeError('aggregateType must not be empty');
  }
  const result = await sql.query<{ id: number }>(
    `INSERT INTO outbox (topic, aggregate_type, aggregate_id, payload, created_at)
     SELECT e.topic, e.aggregate_type, e.aggregate_id, e.payload, $5
     FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) WITH ORDINALITY AS e(topic, aggregate_type, aggregate_id, payload, n)
     ORDER BY e.n
     RETURNING id`,
    [
      events.map((e) => e.topic),
      events.map((e) => e.aggregateType),
      events.map((e) => e.aggregateId),
      events.map((e) => JSON.stringify(e.payload ?? {})),
      clock.now(),
    ],
  );
  return result.rows.map((r) => r.id);
}

interface OutboxRow {
  id: number;
  topic: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: unknown;
  created_at: Date;
}

/**
 * Locks up to `limit` unpublished events, lowest id first, for the rest of the caller's transaction.
 * SKIP LOCKED lets several dispatchers work at once on disjoint batches. There is no "last id seen"
 * cursor: an event whose transaction commits late with a lower id is still picked up later.
 */
export async function claimUnpublishedEvents(sql: Sql, limit: number): Promise<OutboxEvent[]> {
  const result = await sql.query<OutboxRow>(
    `SELECT id, topic, aggregate_type, aggregate_id, payload, created_at
     FROM outbox WHERE published_at IS NULL
     ORDER BY id LIMIT $1
     FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  return result.rows.map((row) => ({
    id: row.id,
    topic: row.topic,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    payload: row.payload,
    createdAt: row.created_at,
  }));
}

export async function markEventsPublished(sql: Sql, ids: readonly number[], now: Date): Promise<void> {
  await sql.query('UPDATE outbox SET published_at = $2 WHERE id = ANY($1::bigint[])', [ids, now]);
}
