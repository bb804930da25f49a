import crypto from 'node:crypto';
import { queueAudit } from '../../platform/audit/index.js';
import { type PublishRequest, publishMany } from '../../platform/events/index.js';
import type { Sql } from '../../platform/db/index.js';
import type { AppDeps } from '../../platform/http/index.js';
import { toEventRow } from './event-row.js';
import { type IngestActor, IdentityResolver } from './identity-resolver.js';
import { claimMessages, insertEvents, storedMessageIds } from './ingest-repository.js';
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

/** A concurrent transaction stored one of the batch's messages first: roll back and try again. */
class ClaimLost extends Error {}

/**
 * Stores validated messages of one source in one transaction: skips messages already stored,
 * resolves identities, inserts the events in one statement, claims each (source, messageId) with
 * where it went, queues the audit entries (sealed into the chain by the worker) and publishes `event.ingested` plus the customer events.
 * Returns how many were new. The claim comes last (one write per message, no later UPDATE); when a
 * concurrent batch with the same messages committed them meanwhile, the claim falls short and the
 * batch runs again, now skipping them — so retries and concurrent duplicates store once.
 */
export class IngestService {
  constructor(private readonly deps: Pick<AppDeps, 'db' | 'keyring' | 'clock'>) {}

  async ingest(actor: IngestActor, messages: readonly TrackingMessage[]): Promise<number> {
    const receivedAt = this.deps.clock.now();
    const unique = uniqueByMessageId(messages);
    if (unique.length === 0) return 0;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.deps.db.tx((sql) => this.store(sql, actor, unique, receivedAt));
      } catch (error) {
        if (!(error instanceof ClaimLost) || attempt === 5) throw error;
      }
    }
  }

  private async store(sql: Sql, actor: IngestActor, unique: readonly Identified[], receivedAt: Date): Promise<number> {
    const stored = await storedMessageIds(sql, actor.sourceId, unique.map((m) => m.messageId));
    const todo = unique.filter((m) => !stored.has(m.messageId));
    if (todo.length === 0) return 0;
    const resolver = new IdentityResolver(sql, this.deps.keyring, receivedAt, actor);
    await resolver.preload(todo);
    const customerIds: number[] = [];
    for (const message of todo) customerIds.push(await resolver.resolve(message));
    await resolver.flush();
    const rows = todo.map((m, i) => toEventRow(m, resolver.current(customerIds[i]!), actor.sourceId, receivedAt));
    const eventIds = await insertEvents(sql, rows);
    const claimed = await claimMessages(sql, actor.sourceId, rows.map((row, i) => ({ messageId: row.messageId, customerId: row.customerId, eventId: eventIds[i]! })), receivedAt);
    if (claimed < rows.length) throw new ClaimLost();
    const tracked = todo.map((message, i) => ({ message, customerId: rows[i]!.customerId, occurredAt: rows[i]!.occurredAt }));
    await recordTrackedConsent(sql, this.deps.clock, actor, tracked, previouslyErased(resolver.outbox, (id) => resolver.current(id)));
    const customers = [...new Set(rows.map((r) => r.customerId))];
    const outbox = [
      ...resolver.outbox,
      { topic: 'event.ingested', aggregateType: 'source', aggregateId: String(actor.sourceId), payload: { sourceId: actor.sourceId, eventIds, customerIds: customers } },
    ];
    await publishMany(sql, outbox, this.deps.clock);
    await queueAudit(sql, resolver.audit); // chained by the audit sealer: no chain lock per batch
    return todo.length;
  }
}
