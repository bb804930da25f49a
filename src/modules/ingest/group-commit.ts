/**
 * Group commit: concurrent submissions are stored together, one transaction for several, as a
 * database groups the commits of concurrent transactions into one WAL flush. At most `lanes` groups
 * are in flight; a submission that arrives while they all are waits and goes into the next group
 * with everything else that waited (up to `maxSize`, counted by each submission's size; one
 * submission always goes, however big). With nothing in flight a submission starts at once, so an
 * idle system adds no delay; under load the groups grow by themselves and the fixed cost of a
 * transaction (round trips, planning, commit) is paid once per group instead of once per request.
 *
 * `commit` settles each member of a group (`PromiseSettledResult`, in the group's order), so one
 * member's failure can be reported to that member alone.
 */
export interface GroupCommitOptions {
  lanes: number;
  maxSize: number;
}

interface Waiting<T, R> {
  item: T;
  size: number;
  resolve: (value: R) => void;
  reject: (reason: unknown) => void;
}

export class GroupCommit<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private running = 0;

  constructor(
    private readonly commit: (items: T[]) => Promise<PromiseSettledResult<R>[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  /** Settles with this submission's own result once the group it went in has committed (or failed). */
  submit(item: T, size: number): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, size, resolve, reject });
      this.start();
    });
  }

  /** How many submissions wait for a lane (for tests and metrics). */
  get queued(): number {
    return this.waiting.length;
  }

  private start(): void {
    while (this.running < this.options.lanes && this.waiting.length > 0) {
      const group = this.take();
      this.running += 1;
      void this.run(group).finally(() => {
        this.running -= 1;
        this.start();
      });
    }
  }

  /** The oldest waiting submissions, up to maxSize in all (at least one). */
  private take(): Waiting<T, R>[] {
    let size = this.waiting[0]!.size;
    let count = 1;
    while (count < this.waiting.length && size + this.waiting[count]!.size <= this.options.maxSize) {
      size += this.waiting[count]!.size;
      count += 1;
    }
    return this.waiting.splice(0, count);
  }

  private async run(group: Waiting<T, R>[]): Promise<void> {
    let results: PromiseSettledResult<R>[];
    try {
      results = await this.commit(group.map((w) => w.item));
    } catch (error) {
      results = group.map(() => ({ status: 'rejected', reason: error }));
    }
    group.forEach((member, i) => {
      const result = results[i];
      if (result?.status === 'fulfilled') member.resolve(result.value);
      else member.reject(result ? result.reason : new Error('group commit: no result for this submission'));
    });
  }
}
