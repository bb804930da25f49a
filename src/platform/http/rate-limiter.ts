import type { Clock } from '../clock.js';

/**
 * Fixed-window request counter per key (an IP, an API key, a user). Pure apart from the clock:
 * `hit()` says whether the request may pass and, if not, how many seconds until the window resets.
 * Per process: with N API processes behind a balancer the effective limit is up to N× (documented).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  hit(key: string): { allowed: boolean; retryAfterSeconds: number; remaining: number } {
    const now = this.clock.now().getTime();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
      if (this.windows.size > 100_000) this.evict(now);
    }
    window.count += 1;
    const retryAfterSeconds = Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
    return { allowed: window.count <= this.limit, retryAfterSeconds, remaining: Math.max(0, this.limit - window.count) };
  }

  private evict(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}
