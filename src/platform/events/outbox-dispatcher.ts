import type { Clock } from '../clock.js';
import type { Database } from '../db/index.js';
import { type EnqueueRequest, type JobHandler, type JobLogger, PollLoop, enqueueMany } from '../jobs/index.js';
import type { OutboxEvent, Subscription } from './outbox-event.js';
import { claimUnpublishedEvents, markEventsPublished } from './outbox-repository.js';
import { isValidTopicPattern, topicMatches } from './topic-pattern.js';

export interface OutboxDispatcherOptions {
  db: Database;
  clock: Clock;
  subscriptions: readonly Subscription[];
  /** Events moved per transaction; default 100. */
  batchSize?: number;
  /** Runs per delivery before its job is marked failed; default 10 (about 17 min of retries). */
  maxAttempts?: number;
  /** Wait between polls in `start()` when the outbox is empty; default 1000. */
  pollIntervalMs?: number;
  logger?: JobLogger;
}

const HANDLER_NAME = /^[A-Za-z0-9_.-]+$/;

/** The job name a subscription's deliveries run under: `event:<handlerName>`. */
export function deliveryJobName(handlerName: string): string {
  return `event:${handlerName}`;
}

/**
 * Moves committed events from the outbox to the job queue: one job per (subscription, event), with
 * the unique key `event:<handlerName>:<eventId>`, in the same transaction that marks the events
 * published. The job queue then gives delivery its retries, backoff and crash recovery. Any number
 * of dispatchers may run; SKIP LOCKED keeps their batches apart, and the unique key makes a
 * repeated move of the same event a no-op.
 */
export class OutboxDispatcher {
  private readonly batchSize: number;
  private readonly poller: PollLoop;

  constructor(private readonly options: OutboxDispatcherOptions) {
    checkSubscriptions(options.subscriptions);
    this.batchSize = options.batchSize ?? 100;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError('batchSize must be ≥ 1');
    const max = options.maxAttempts;
    if (max !== undefined && (!Number.isInteger(max) || max < 1)) throw new RangeError('maxAttempts must be ≥ 1');
    // A full batch means more may be waiting: go again at once instead of sleeping.
    this.poller = new PollLoop(
      async () => (await this.dispatchOnce()) === this.batchSize,
      options.pollIntervalMs ?? 1000,
      (error) => {
        const message = error instanceof Error ? error.message : String(error);
        options.logger?.error({ error: message }, 'outbox dispatch failed');
      },
    );
  }

  /** Moves one batch of unpublished events to jobs. Returns how many events it moved. */
  dispatchOnce(): Promise<number> {
    const { db, clock } = this.options;
    return db.tx(async (sql) => {
      const events = await claimUnpublishedEvents(sql, this.batchSize);
      if (events.length === 0) return 0;
      await enqueueMany(
        sql,
        events.flatMap((event) => this.deliveriesOf(event)),
        clock,
      );
      await markEventsPublished(
        sql,
        events.map((event) => event.id),
        clock.now(),
      );
      return events.length;
    });
  }

  /**
   * The job handlers that run deliveries: register them with every JobWorker, e.g.
   * `handlers: { ...dispatcher.jobHandlers(), ...otherHandlers }`.
   */
  jobHandlers(): Record<string, JobHandler> {
    const handlers: Record<string, JobHandler> = {};
    for (const subscription of this.options.subscriptions) {
      handlers[deliveryJobName(subscription.handlerName)] = (payload, ctx) =>
        subscription.handle(eventFromJobPayload(payload), ctx);
    }
    return handlers;
  }

  /** Dispatches in the background: batch after batch while there is work, then every poll interval. */
  start(): void {
    this.poller.start();
  }

  /** Stops after the batch in progress (whose transaction commits or rolls back as a whole). */
  /** Dispatch now rather than at the next poll (new events were announced). */
  wake(): void {
    this.poller.wake();
  }

  stop(): Promise<void> {
    return this.poller.stop();
  }

  private deliveriesOf(event: OutboxEvent): EnqueueRequest[] {
    const maxAttempts = this.options.maxAttempts ?? 10;
    return this.options.subscriptions
      .filter((subscription) => subscription.topics.some((pattern) => topicMatches(pattern, event.topic)) && (subscription.accepts?.(event) ?? true))
      .map((subscription) => ({
        name: deliveryJobName(subscription.handlerName),
        payload: { ...event, createdAt: event.createdAt.toISOString() },
        uniqueKey: `event:${subscription.handlerName}:${event.id}`,
        maxAttempts,
      }));
  }
}

function checkSubscriptions(subscriptions: readonly Subscription[]): void {
  const names = new Set<string>();
  for (const { handlerName, topics } of subscriptions) {
    if (!HANDLER_NAME.test(handlerName)) throw new RangeError(`invalid handlerName ${JSON.stringify(handlerName)}`);
    if (names.has(handlerName)) throw new RangeError(`handlerName ${handlerName} is used twice`);
    names.add(handlerName);
    if (topics.length === 0) throw new RangeError(`subscription ${handlerName} has no topics`);
    const bad = topics.find((pattern) => !isValidTopicPattern(pattern));
    if (bad !== undefined) throw new RangeError(`subscription ${handlerName}: invalid topic pattern ${bad}`);
  }
}

/** Rebuilds the event from its job payload (JSON), checking the shape the dispatcher wrote. */
export function eventFromJobPayload(payload: unknown): OutboxEvent {
  const raw = (payload ?? {}) as Record<string, unknown>;
  const { id, topic, aggregateType, aggregateId, createdAt } = raw;
  if (
    typeof id !== 'number' ||
    typeof topic !== 'string' ||
    typeof aggregateType !== 'string' ||
    typeof aggregateId !== 'string' ||
    typeof createdAt !== 'string'
  ) {
    throw new TypeError('job payload is not an outbox event');
  }
  return { id, topic, aggregateType, aggregateId, payload: raw.payload, createdAt: new Date(createdAt) };
}
