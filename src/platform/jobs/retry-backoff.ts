const SECOND_MS = 1000;
/** No retry waits longer than this, however many attempts failed. */
export const MAX_RETRY_DELAY_MS = 3_600_000;
/** Up to this share of the delay is taken off at random, so jobs that failed together spread out. */
export const RETRY_JITTER = 0.1;
/** Longest error text kept in `jobs.last_error`. */
export const MAX_ERROR_LENGTH = 1000;

/**
 * How long to wait before the next run of a job whose run number `attempts` failed:
 * `min(2^attempts s, 1 h) × (1 − 0.1·random)`. Attempt 1 → ~2 s, 2 → ~4 s, 5 → ~32 s, 12+ → ~1 h.
 * The jitter only shortens the wait, so the 1 h cap holds and retries never come later than the
 * formula says. `random` returns a number in [0, 1), like Math.random.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  // 2^12 s already exceeds the cap; clamping the exponent keeps huge attempt counts finite.
  const exponent = Math.min(Math.max(attempts, 0), 12);
  const base = Math.min(2 ** exponent * SECOND_MS, MAX_RETRY_DELAY_MS);
  return Math.round(base * (1 - RETRY_JITTER * random()));
}

/**
 * The text stored as `last_error`: the error's name and message, truncated. Only the error is
 * used, never the job's payload, so customer data in a payload does not leak into diagnostics.
 */
export function describeError(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : `non-error thrown: ${String(error)}`;
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
