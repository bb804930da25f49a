import crypto from 'node:crypto';
import { appendAudit } from '../../platform/audit/index.js';
import { type PublishRequest, publishMany } from '../../platform/events/index.js';
import type { AppDeps } from '../../platform/http/index.js';
import { toEventRow } from './event-row.js';
import { type IngestActor, IdentityResolver } from './identity-resolver.js';
import { claimMessages, insertEvents, recordIngested } from './ingest-repository.js';
import type { TrackingMessage } from './tracking-message.js';
import { recordTrackedConsent } from './tracking-consent.js';

type Identified = TrackingMessage & { messageId: string };

/** The first message per messageId (a retried item inside one batch is one event). */
function uniqueByMessageId(messages: readonly TrackingMessage[]): Identified[] {
  const seen = new Map<string, Identified>();
  for (const message of messages) {
    const messageId = message.messageId ?? crypto.randomUUID();
    if (!seen.has(messageId)) seen.set(messageId, { ...message, messageId });
  }
  return [...seen.values()];
}

/** Customers created in this batch from an erased identifier (flagged on `customer.created`), as they are now. */
function previouslyErased(outbox: readonly PublishRequest[], current: (id: number) => number): Set<number> {
  const created = outbox.filter((e) => e.topic === 'customer.created' && (e.payload as { previouslyErased?: boolean }).previouslyErased === true);
  return new Set(created.map((e) => current(Number(e.aggregateId))));
}

/**
 * Stores validated messages of one source in one transaction: claims each (source, messageId)
 * (already-stored messages are skipped, so retries and concurrent duplicates store once), resolves
 * identities, inserts the events in one statement, completes the idempotency records, appends the
 * audit entries and publishes `event.ingested` plus the customer events. Returns how many were new.
 */
export class IngestService {
  constructor(private readonly deps: Pick<AppDeps, 'db' | 'keyring' | 'clock'>) {}

  async ingest(actor: IngestActor, messages: readonly TrackingMessage[]): Promise<number> {
    const receivedAt = this.deps.clock.now();
    const unique = uniqueByMessageId(messages);
    if (unique.length === 0) return 0;
    return this.deps.db.tx(async (sql) => {
      const claimed = await claimMessages(sql, actor.sourceId, unique.map((m) => m.messageId), receivedAt);
      const todo = unique.filter((m) => claimed.has(m.messageId));
      if (todo.length === 0) return 0;
      const resolver = new IdentityResolver(sql, this.deps.keyring, receivedAt, actor);
      await resolver.preload(todo);
      const customerIds: number[] = [];
      for (const message of todo) customerIds.push(await resolver.resolve(message));
      await resolver.flush();
      const rows = todo.map((m, i) => toEventRow(m, resolver.current(customerIds[i]!), actor.sourceId, receivedAt));
      const eventIds = await insertEvents(sql, rows);
      await recordIngested(sql, actor.sourceId, rows.map((row, i) => ({ messageId: row.messageId, customerId: row.customerId, eventId: eventIds[i]! })));
      const tracked = todo.map((message, i) => ({ message, customerId: rows[i]!.customerId, occurredAt: rows[i]!.occurredAt }));
      await recordTrackedConsent(sql, this.deps.clock, actor, tracked, previouslyErased(resolver.outbox, (id) => resolver.current(id)));
      const customers = [...new Set(rows.map((r) => r.customerId))];
      const outbox = [
        ...resolver.outbox,
        { topic: 'event.ingested', aggregateType: 'source', aggregateId: String(actor.sourceId), payload: { sourceId: actor.sourceId, eventIds, customerIds: customers } },
      ];
      await publishMany(sql, outbox, this.deps.clock);
      await appendAudit(sql, resolver.audit);
      return todo.length;
    });
  }
}
