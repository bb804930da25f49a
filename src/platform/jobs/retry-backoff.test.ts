import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ERROR_LENGTH, MAX_RETRY_DELAY_MS, describeError, retryDelayMs } from './retry-backoff.js';

describe('retryDelayMs', () => {
  it.each([
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [5, 32_000],
    [11, 2_048_000],
    [12, 3_600_000],
    [40, 3_600_000],
    [Number.MAX_SAFE_INTEGER, 3_600_000],
  ])('attempt %i waits %i ms without jitter', (attempts, expected) => {
    expect(retryDelayMs(attempts, () => 0)).toBe(expected);
  });

  it('takes at most 10% off as jitter', () => {
    expect(retryDelayMs(1, () => 0.999_999)).toBe(1_800);
    expect(retryDelayMs(20, () => 0.5)).toBe(3_420_000);
  });

  it('stays within (0.9·base, base] and under the cap for any attempt and jitter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
        const base = Math.min(2 ** Math.min(n, 12) * 1000, MAX_RETRY_DELAY_MS);
        const delay = retryDelayMs(n, () => r);
        return delay <= base && delay >= Math.floor(base * 0.9) && delay <= MAX_RETRY_DELAY_MS;
      }),
    );
  });

  it('never waits less after more failures (same jitter)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
        return retryDelayMs(n + 1, () => r) >= retryDelayMs(n, () => r);
      }),
    );
  });
});

describe('describeError', () => {
  it('keeps name and message', () => {
    expect(describeError(new TypeError('bad input'))).toBe('TypeError: bad input');
    expect(describeError('plain string')).toBe('non-error thrown: plain string');
  });

  it('truncates long messages', () => {
    const text = describeError(new Error('x'.repeat(10_000)));
    expect(text).toHaveLength(MAX_ERROR_LENGTH);
    expect(text.endsWith('…')).toBe(true);
  });
});
