import type { Clock } from '../clock.js';
import type { Sql } from '../db/index.js';
import {
  type RunFence,
  claimJobs,
  extendJobLock,
  markJobDone,
  markJobFailed,
  recoverStaleJobs,
} from './job-claim-repository.js';
import { type ClaimedJob, type JobHandler, type JobLogger, silentLogger } from './job-types.js';
import { PollLoop } from './poll-loop.js';
import { describeError, retryDelayMs } from './retry-backoff.js';

export interface JobWorkerOptions {
  /** The pool (a `Database`); each claim and each result is its own short statement. */
  db: Sql;
  clock: Clock;
  /** Job name → handler. The worker claims only jobs it has a handler for. */
  handlers: Readonly<Record<string, JobHandler>>;
  /** Written to `jobs.locked_by`; make it unique per process, e.g. `${hostname}:${pid}`. */
  workerId: string;
  /** Most jobs this worker runs at the same time. */
  concurrency: number;
  /** Wait between polls when there is nothing to claim. */
  pollIntervalMs: number;
  /** A run that neither finishes nor renews its lock within this time is taken for crashed. */
  lockTimeoutMs: number;
  logger?: JobLogger;
  /** Jitter source for retry delays; tests pass a constant. */
  random?: () => number;
}

/**
 * Claims due jobs from PostgreSQL and runs them. Any number of workers, in any number of
 * processes, may share one database: claims use SKIP LOCKED, so each run of a job goes to one
 * worker. Delivery is at-least-once: a worker that dies mid-run leaves a lock that expires, and the
 * job runs again elsewhere, so handlers must be idempotent.
 */
export class JobWorker {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly names: string[];
  private readonly logger: JobLogger;
  private readonly poller: PollLoop;

  constructor(private readonly options: JobWorkerOptions) {
    checkOptions(options);
    this.names = Object.keys(options.handlers);
    this.logger = options.logger ?? silentLogger;
    this.poller = new PollLoop(
      () => this.pollStep(),
      options.pollIntervalMs,
      (error) => this.logger.error({ workerId: options.workerId, error: describeError(error) }, 'job poll failed'),
    );
  }

  /** How many jobs are running in this worker right now. */
  get running(): number {
    return this.inFlight.size;
  }

  /** Starts polling in the background until `stop()`. Calling it twice is harmless. */
  start(): void {
    this.poller.start();
  }

  /** Stops claiming, then waits for the jobs already running to finish and record their result. */
  /** Claim now rather than at the next poll (new jobs were announced). */
  wake(): void {
    this.poller.wake();
  }

  async stop(): Promise<void> {
    await this.poller.stop();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Recovers stale locks, claims one batch (up to the free slots) and runs it to the end. */
  async runOnce(): Promise<number> {
    const runs = await this.claimAndLaunch();
    await Promise.all(runs);
    return runs.length;
  }

  /** Returns jobs whose lock expired to the queue (or fails them if out of attempts). */
  async recoverStale(): Promise<number> {
    const recovered = await recoverStaleJobs(this.options.db, this.options.clock.now());
    for (const job of recovered) {
      this.logger.warn({ jobId: job.id, status: job.status }, 'job lock expired; its worker did not finish');
    }
    return recovered.length;
  }

  /**
   * Claims into the free slots. Asks to poll again at once while it found work and a slot is still
   * free; otherwise the loop waits for the interval, or for a running job to free its slot.
   */
  private async pollStep(): Promise<boolean> {
    const claimed = (await this.claimAndLaunch()).length;
    return claimed > 0 && this.inFlight.size < this.options.concurrency;
  }

  private async claimAndLaunch(): Promise<Promise<void>[]> {
    await this.recoverStale();
    const { db, clock, workerId, concurrency, lockTimeoutMs } = this.options;
    const now = clock.now();
    const jobs = await claimJobs(db, {
      names: this.names,
      limit: concurrency - this.inFlight.size,
      workerId,
      now,
      lockedUntil: new Date(now.getTime() + lockTimeoutMs),
    });
    return jobs.map((job) => this.launch(job));
  }

  private launch(job: ClaimedJob): Promise<void> {
    const run: Promise<void> = this.execute(job).finally(() => {
      this.inFlight.delete(run);
      this.poller.wake();
    });
    this.inFlight.add(run);
    return run;
  }

  /** Runs one claimed job and records its outcome. Never rejects. */
  private async execute(job: ClaimedJob): Promise<void> {
    const fence: RunFence = { jobId: job.id, workerId: this.options.workerId, attempt: job.attempts };
    const heartbeat = this.startHeartbeat(fence);
    let outcome: { ok: true } | { ok: false; error: unknown } = { ok: true };
    try {
      const handler = this.options.handlers[job.name];
      if (!handler) throw new Error(`no handler for job ${job.name}`);
      await handler(job.payload, { ...fence, name: job.name, maxAttempts: job.maxAttempts });
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      clearInterval(heartbeat);
    }
    try {
      if (outcome.ok) await this.recordSuccess(job, fence);
      else await this.recordFailure(job, fence, outcome.error);
    } catch (error) {
      // The database is unreachable: the lock expires and the job runs again (at-least-once).
      this.logger.error({ jobId: job.id, error: describeError(error) }, 'could not record job result');
    }
  }

  /** Renews the lock while a long job runs, so only a dead worker's jobs look stale. */
  private startHeartbeat(fence: RunFence): NodeJS.Timeout {
    const { db, clock, lockTimeoutMs } = this.options;
    const timer = setInterval(() => {
      const lockedUntil = new Date(clock.now().getTime() + lockTimeoutMs);
      extendJobLock(db, fence, lockedUntil).catch((error: unknown) => {
        this.logger.warn({ jobId: fence.jobId, error: describeError(error) }, 'could not renew job lock');
      });
    }, Math.max(Math.floor(lockTimeoutMs / 3), 10));
    timer.unref();
    return timer;
  }

  private async recordSuccess(job: ClaimedJob, fence: RunFence): Promise<void> {
    const owned = await markJobDone(this.options.db, fence, this.options.clock.now());
    if (!owned) this.warnLockLost(job);
  }

  private async recordFailure(job: ClaimedJob, fence: RunFence, error: unknown): Promise<void> {
    const now = this.options.clock.now();
    const retryAt = new Date(now.getTime() + retryDelayMs(job.attempts, this.options.random));
    const message = describeError(error);
    const status = await markJobFailed(this.options.db, fence, { error: message, now, retryAt });
    if (status === null) return this.warnLockLost(job);
    // Only ids, names and the error: payloads may carry customer data.
    const details = { jobId: job.id, job: job.name, attempt: job.attempts, error: message };
    if (status === 'failed') this.logger.error(details, 'job failed for good');
    else this.logger.warn({ ...details, retryAt: retryAt.toISOString() }, 'job failed; will retry');
  }

  private warnLockLost(job: ClaimedJob): void {
    this.logger.warn({ jobId: job.id, job: job.name }, 'job lock expired before the run finished; result dropped');
  }
}

function checkOptions(options: JobWorkerOptions): void {
  if (options.workerId.length === 0) throw new RangeError('workerId must not be empty');
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${options.concurrency}`);
  }
  if (!(options.pollIntervalMs > 0)) throw new RangeError('pollIntervalMs must be positive');
  if (!(options.lockTimeoutMs > 0)) throw new RangeError('lockTimeoutMs must be positive');
}
