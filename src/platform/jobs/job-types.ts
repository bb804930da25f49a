/** What a job handler receives besides its payload. */
export interface JobContext {
  jobId: number;
  name: string;
  /** 1 on the first run; `attempt === maxAttempts` is the last chance. */
  attempt: number;
  maxAttempts: number;
  workerId: string;
}

/**
 * Runs one job. The payload is `unknown` on purpose: it comes back from JSON in the database, so a
 * handler validates it before use. A handler may run more than once for one job (a worker that
 * crashes after the work but before recording success), so it must be idempotent.
 */
export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;

/** A job to put on the queue. */
export interface EnqueueRequest {
  name: string;
  /** Stored as jsonb. Never put secrets here: payloads are readable by anyone who can read `jobs`. */
  payload?: unknown;
  /** When the job may first run; defaults to the clock's now. */
  dueAt?: Date;
  /** A second enqueue with the same key is dropped (the first one wins, whatever its status). */
  uniqueKey?: string;
  /** Runs before the job is marked failed; defaults to 5 (the column default). */
  maxAttempts?: number;
}

/** A job row after a worker claimed it. `attempts` already counts the run that is starting. */
export interface ClaimedJob {
  id: number;
  name: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

/** The slice of a pino logger the queue uses; pass `createLogger(...)` or a child of it. */
export interface JobLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export const silentLogger: JobLogger = { info() {}, warn() {}, error() {} };
