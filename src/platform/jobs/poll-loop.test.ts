import { afterEach, describe, expect, it, vi } from 'vitest';
import { PollLoop } from './poll-loop.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PollLoop', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs again at once while the step reports more work, then waits for the interval', async () => {
    vi.useFakeTimers();
    const results = [true, true, false, false];
    let calls = 0;
    const loop = new PollLoop(async () => results[calls++] ?? false, 1000, () => {});
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(3);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(4);
    await loop.stop();
  });

  it('wakes early on wake(), reports errors and keeps going', async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    let calls = 0;
    const loop = new PollLoop(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database down');
        return false;
      },
      60_000,
      (error) => errors.push(error),
    );
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual([new Error('database down')]);
    loop.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(2);
    await loop.stop();
    expect(loop.isRunning).toBe(false);
  });

  it('stop() waits for the step in progress and runs no more', async () => {
    let release = () => {};
    let calls = 0;
    const loop = new PollLoop(
      () => {
        calls += 1;
        return new Promise<boolean>((resolve) => {
          release = () => resolve(true);
        });
      },
      10,
      () => {},
    );
    loop.start();
    loop.start(); // harmless
    await tick();
    let stopped = false;
    const stopping = loop.stop().then(() => {
      stopped = true;
    });
    await tick();
    expect(stopped).toBe(false);
    release();
    await stopping;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toBe(1);
  });

  it('rejects a non-positive interval', () => {
    expect(() => new PollLoop(async () => false, 0, () => {})).toThrow(RangeError);
  });
});
