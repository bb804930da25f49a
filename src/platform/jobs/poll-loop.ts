/**
 * Runs `step` over and over in the background: again at once when it returns true (there is more
 * work), otherwise after `intervalMs`. `wake()` cuts a wait short (a job finished and freed a slot);
 * `stop()` ends the loop after the step in progress. A step that throws is reported to `onError`
 * and the loop carries on, so a database outage pauses work instead of killing the process.
 */
export class PollLoop {
  private running: Promise<void> | undefined;
  private active = false;
  private cancelWait: (() => void) | undefined;
  private wakeRequested = false;

  constructor(
    private readonly step: () => Promise<boolean>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {
    if (!(intervalMs > 0)) throw new RangeError('poll interval must be positive');
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** Starts the loop; calling it while running is harmless. */
  start(): void {
    if (this.running) return;
    this.active = true;
    this.running = this.loop();
  }

  /** Ends the loop and resolves once the step in progress has finished. */
  async stop(): Promise<void> {
    this.active = false;
    this.wake();
    await this.running;
    this.running = undefined;
  }

  wake(): void {
    if (this.cancelWait) this.cancelWait();
    else this.wakeRequested = true;
  }

  private async loop(): Promise<void> {
    while (this.active) {
      let more = false;
      this.wakeRequested = false;
      try {
        more = await this.step();
      } catch (error) {
        this.onError(error);
      }
      if (!more && this.active && !this.wakeRequested) await this.wait();
    }
  }

  private wait(): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.cancelWait = undefined;
        resolve();
      };
      const timer = setTimeout(finish, this.intervalMs);
      this.cancelWait = finish;
    });
  }
}
