import type { JobContext } from '../jobs/index.js';

/** A domain event to record in the caller's transaction. */
export interface PublishRequest {
  /** What happened, e.g. `customer.created` (see topic-pattern.ts for the shape). */
  topic: string;
  /** The kind of thing it happened to, e.g. `customer`. */
  aggregateType: string;
  /** Which one, as text so any key type fits, e.g. `'42'`. */
  aggregateId: string;
  /** JSON-serialisable facts about the change; prefer ids and changed field names over values. */
  payload: unknown;
}

/** An event as a subscriber receives it. */
export interface OutboxEvent {
  /** The outbox row id: stable across redeliveries, usable as an idempotency key. */
  id: number;
  topic: string;
  aggregateType: string;
  aggregateId: string;
  payload: unknown;
  createdAt: Date;
}

/**
 * A consumer of events. Delivery is at-least-once: `handle` may see the same event twice (a worker
 * crashing after the work but before recording it), so it must be idempotent, e.g. keyed on
 * `event.id` or writing with upserts. Events of different aggregates may arrive in any order.
 */
export interface Subscription {
  /** Stable name: part of each delivery's job name and unique key (past events are not redelivered under a new name). */
  handlerName: string;
  /** Exact topics, `prefix.*` or `*`. */
  topics: readonly string[];
  /**
   * Declines events of its topics that it has no work for (no delivery job is created); every
   * matching event is delivered when absent. Decided from the event alone.
   */
  accepts?(event: Pick<OutboxEvent, 'topic' | 'aggregateType' | 'aggregateId' | 'payload'>): boolean;
  handle(event: OutboxEvent, ctx: JobContext): Promise<void>;
}
