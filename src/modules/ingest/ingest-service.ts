import crypto from 'node:crypto';
import { queueAudit } from '../../platform/audit/index.js';
import { type PublishRequest, publishMany } from '../../platform/events/index.js';
import type { Sql } from '../../platform/db/index.js';
import type { AppDeps } from '../../platform/http/index.js';
import { toEventRow } from './event-row.js';
import { GroupCommit } from './group-commit.js';
import { type IngestActor, IdentityResolver } from './identity-resolver.js';
import { claimMessages, insertEvents, storedMessageIds } from './ingest-repository.js';
import type { TrackingMessage } from './tracking-message.js';
import { recordTrackedConsent, type TrackedMessage } from './tracking-consent.js';

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

/** A concurrent transaction stored one of the group's messages first: roll back and try again. */
class ClaimLost extends Error {}

/** One request's messages waiting to be stored (unique messageIds; when it was received; who sent it). */
interface Submission {
  actor: IngestActor;
  messages: readonly Identified[];
  receivedAt: Date;
}

/** A message of a group, with the submission it came in. */
interface Member {
  message: Identified;
  from: number;
}

/**
 * Group commit for tracking: concurrent requests of one source are stored in one transaction (two
 * in flight; up to GROUP_MESSAGES messages each). Each request still answers only after its own
 * messages committed. Measured in bench/ingest.ts (docs/benchmarks.md).
 */
export const INGEST_LANES = 2;
export const GROUP_MESSAGES = 500;

/**
 * Stores validated messages of one source: skips messages already stored, resolves identities,
 * inserts the events in one statement, claims each (source, messageId) with where it went, queues
 * the audit entries (sealed into the chain by the worker) and publishes `event.ingested` plus the
 * customer events. Returns how many of the call's messages were new. Concurrent calls of one source
 * share a transaction (GroupCommit); a group that fails is stored again member by member, so one
 * request's failure is that request's alone. The claim comes last (one write per message, no later
 * UPDATE); when a concurrent transaction with the same messages committed them meanwhile, the claim
 * falls short and the group runs again, now skipping them — so retries and concurrent duplicates
 * store once.
 */
export class IngestService {
  private readonly queues = new Map<number, GroupCommit<Submission, number>>();

  constructor(private readonly deps: Pick<AppDeps, 'db' | 'keyring' | 'clock'>) {}

  async ingest(actor: IngestActor, messages: readonly TrackingMessage[]): Promise<number> {
    const receivedAt = this.deps.clock.now();
    const unique = uniqueByMessageId(messages);
    if (unique.length === 0) return 0;
    let queue = this.queues.get(actor.sourceId);
    if (queue === undefined) {
      queue = new GroupCommit((group) => this.storeGroup(group), { lanes: INGEST_LANES, maxSize: GROUP_MESSAGES });
      this.queues.set(actor.sourceId, queue);
    }
    return queue.submit({ actor, messages: unique, receivedAt }, unique.length);
  }

  /** The group in one transaction; if that fails, each submission in its own (its error is its own). */
  private async storeGroup(group: readonly Submission[]): Promise<PromiseSettledResult<number>[]> {
    try {
      return (await this.storeWithRetry(group)).map((value) => ({ status: 'fulfilled', value }));
    } catch (error) {
      if (group.length === 1) return [{ status: 'rejected', reason: error }];
    }
    const results: PromiseSettledResult<number>[] = [];
    for (const submission of group) {
      try {
        results.push({ status: 'fulfilled', value: (await this.storeWithRetry([submission]))[0]! });
      } catch (error) {
        results.push({ status: 'rejected', reason: error });
      }
    }
    return results;
  }

  private async storeWithRetry(group: readonly Submission[]): Promise<number[]> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.deps.db.tx((sql) => this.store(sql, group));
      } catch (error) {
        if (!(error instanceof ClaimLost) || attempt === 5) throw error;
      }
    }
  }

  /** Stores the group's messages in the transaction; returns how many of each submission's were new. */
  private async store(sql: Sql, group: readonly Submission[]): Promise<number[]> {
    const counts = group.map(() => 0);
    const { sourceId } = group[0]!.actor;
    const members = membersOf(group);
    const stored = await storedMessageIds(sql, sourceId, members.map((m) => m.message.messageId));
    const todo = stored.size === 0 ? members : members.filter((m) => !stored.has(m.message.messageId));
    if (todo.length === 0) return counts;
    const now = this.deps.clock.now();
    const resolver = new IdentityResolver(sql, this.deps.keyring, now, group[0]!.actor);
    await resolver.preload(todo.map((m) => m.message));
    const customerIds: number[] = [];
    for (const { message, from } of todo) customerIds.push(await resolver.resolve(message, group[from]!.actor));
    await resolver.flush();
    const rows = todo.map(({ message, from }, i) => toEventRow(message, resolver.current(customerIds[i]!), sourceId, group[from]!.receivedAt));
    const eventIds = await insertEvents(sql, rows);
    const claims = rows.map((row, i) => ({ messageId: row.messageId, customerId: row.customerId, eventId: eventIds[i]!, receivedAt: row.receivedAt }));
    if ((await claimMessages(sql, sourceId, claims)) < rows.length) throw new ClaimLost();
    // Consent from tracked traits, written as each request's own (its actor audits the change).
    const erased = previouslyErased(resolver.outbox, (id) => resolver.current(id));
    const tracked = group.map((): TrackedMessage[] => []);
    for (const [i, { message, from }] of todo.entries()) tracked[from]!.push({ message, customerId: rows[i]!.customerId, occurredAt: rows[i]!.occurredAt });
    for (const [from, messages] of tracked.entries()) {
      counts[from] = messages.length;
      if (messages.length > 0) await recordTrackedConsent(sql, this.deps.clock, group[from]!.actor, messages, erased);
    }
    const customers = [...new Set(rows.map((r) => r.customerId))];
    const outbox = [
      ...resolver.outbox,
      { topic: 'event.ingested', aggregateType: 'source', aggregateId: String(sourceId), payload: { sourceId, eventIds, customerIds: customers } },
    ];
    await publishMany(sql, outbox, this.deps.clock);
    await queueAudit(sql, resolver.audit); // chained by the audit sealer: no chain lock per batch
    return counts;
  }
}

/** The group's messages in order, each messageId once (a later submission repeating one stores nothing for it). */
function membersOf(group: readonly Submission[]): Member[] {
  if (group.length === 1) return group[0]!.messages.map((message) => ({ message, from: 0 }));
  const seen = new Set<string>();
  const members: Member[] = [];
  group.forEach((submission, from) => {
    for (const message of submission.messages) {
      if (seen.has(message.messageId)) continue;
      seen.add(message.messageId);
      members.push({ message, from });
    }
  });
  return members;
}
