import type pg from 'pg';
import type { Clock } from '../clock.js';
import type { Database } from '../db/index.js';
import { enqueueMany } from './job-repository.js';
import { type EnqueueRequest, type JobLogger, silentLogger } from './job-types.js';
import { PollLoop } from './poll-loop.js';
import { describeError } from './retry-backoff.js';
import { type Schedule, checkSchedule, currentSlotStart, slotKey } from './schedule-slots.js';

/** Session advisory lock held by the scheduler leader (next to 727372001–3 used by the platform). */
export const SCHEDULER_LOCK_KEY = 727372004;

export interface SchedulerOptions {
  /** The scheduler keeps one client of this pool checked out while it is the leader. */
  db: Database;
  clock: Clock;
  schedules: readonly Schedule[];
  pollIntervalMs: number;
  logger?: JobLogger;
}

/**
 * Turns schedules into jobs, once per slot however many processes run. Every process runs a
 * Scheduler; the one holding a session-level advisory lock is the leader and enqueues due slots,
 * the others retry the lock every poll. If the leader's connection dies, PostgreSQL drops its lock
 * and another process takes over; each slot's job has the unique key `schedule:<name>:<slot ISO>`,
 * so even two processes that briefly both act as leader enqueue a slot once.
 */
export class Scheduler {
  private readonly logger: JobLogger;
  private lockClient: pg.PoolClient | undefined;
  private lockClientErrorListener: ((error: Error) => void) | undefined;
  /** Slot start last enqueued per schedule: only saves a statement per tick, the key is the guard. */
  private readonly lastSlot = new Map<string, number>();
  /** Ticks run one after another, never overlapping on the lock client. */
  private tickChain: Promise<unknown> = Promise.resolve();
  private readonly poller: PollLoop;

  constructor(private readonly options: SchedulerOptions) {
    const names = new Set<string>();
    for (const schedule of options.schedules) {
      checkSchedule(schedule);
      if (names.has(schedule.name)) throw new RangeError(`schedule ${schedule.name} is defined twice`);
      names.add(schedule.name);
    }
    this.logger = options.logger ?? silentLogger;
    this.poller = new PollLoop(
      async () => {
        await this.tick();
        return false;
      },
      options.pollIntervalMs,
      (error) => this.logger.error({ error: describeError(error) }, 'scheduler tick failed'),
    );
  }

  isLeader(): boolean {
    return this.lockClient !== undefined;
  }

  /** Ticks every `pollIntervalMs` in the background until `stop()`. */
  start(): void {
    this.poller.start();
  }

  /** Stops ticking and hands leadership over at once by releasing the advisory lock. */
  async stop(): Promise<void> {
    await this.poller.stop();
    await this.runExclusive(() => this.resign());
  }

  /**
   * Tries to be (or stay) the leader and, if it is, enqueues the current slot of every schedule
   * not enqueued yet. Returns how many jobs it created.
   */
  tick(): Promise<number> {
    return this.runExclusive(async () => {
      const client = await this.ensureLeadership();
      if (!client) return 0;
      try {
        return await this.enqueueCurrentSlots(client);
      } catch (error) {
        this.loseLeadership(client, error);
        return 0;
      }
    });
  }

  private runExclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tickChain.then(work);
    this.tickChain = result.catch(() => {});
    return result;
  }

  private async enqueueCurrentSlots(client: pg.PoolClient): Promise<number> {
    const { clock, schedules } = this.options;
    const now = clock.now();
    const due: { schedule: Schedule; slot: Date }[] = schedules
      .map((schedule) => ({ schedule, slot: currentSlotStart(schedule, now) }))
      .filter(({ schedule, slot }) => this.lastSlot.get(schedule.name) !== slot.getTime());
    if (due.length === 0) return 0;
    const requests: EnqueueRequest[] = due.map(({ schedule, slot }) => ({
      name: schedule.jobName,
      payload: schedule.payload ?? {},
      dueAt: slot,
      uniqueKey: slotKey(schedule, slot),
      ...(schedule.maxAttempts === undefined ? {} : { maxAttempts: schedule.maxAttempts }),
    }));
    const created = await enqueueMany(client, requests, clock);
    for (const { schedule, slot } of due) this.lastSlot.set(schedule.name, slot.getTime());
    if (created > 0) this.logger.info({ created, slots: requests.map((r) => r.uniqueKey) }, 'scheduled jobs');
    return created;
  }

  /** Returns the lock client if this process leads (checking the session is alive), else tries once. */
  private async ensureLeadership(): Promise<pg.PoolClient | undefined> {
    const held = this.lockClient;
    if (held) {
      try {
        await held.query('SELECT 1');
        return held;
      } catch (error) {
        this.loseLeadership(held, error);
      }
    }
    return this.tryBecomeLeader();
  }

  private async tryBecomeLeader(): Promise<pg.PoolClient | undefined> {
    const client = await this.options.db.pool.connect();
    // A checked-out pg client that loses its connection emits 'error'; unhandled, that would crash
    // the process, so listen from the first moment on.
    const onError = (error: Error) => this.loseLeadership(client, error);
    client.on('error', onError);
    try {
      const result = await client.query<{ acquired: boolean }>('SELECT pg_try_advisory_lock($1) AS acquired', [
        SCHEDULER_LOCK_KEY,
      ]);
      if (result.rows[0]?.acquired === true) {
        this.lockClient = client;
        this.lockClientErrorListener = onError;
        this.logger.info({}, 'this process is now the scheduler leader');
        return client;
      }
      client.removeListener('error', onError);
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      client.removeListener('error', onError);
      throw error;
    }
    return undefined;
  }

  /** The session is broken or unusable: destroy it, which also frees the lock on the server. */
  private loseLeadership(client: pg.PoolClient, error: unknown): void {
    if (this.lockClient !== client) return;
    const listener = this.forgetLockClient();
    client.release(error instanceof Error ? error : true);
    if (listener) client.removeListener('error', listener);
    this.logger.warn({ error: describeError(error) }, 'lost scheduler leadership');
  }

  /** Unlocks and returns the client to the pool; destroys it if the unlock does not go through. */
  private async resign(): Promise<void> {
    const client = this.lockClient;
    if (!client) return;
    // Forget the client first so its error listener (kept until release) becomes a no-op.
    const listener = this.forgetLockClient();
    try {
      await client.query('SELECT pg_advisory_unlock($1)', [SCHEDULER_LOCK_KEY]);
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : true);
    }
    if (listener) client.removeListener('error', listener);
  }

  private forgetLockClient(): ((error: Error) => void) | undefined {
    const listener = this.lockClientErrorListener;
    this.lockClient = undefined;
    this.lockClientErrorListener = undefined;
    return listener;
  }
}
