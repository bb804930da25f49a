import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

/** A commit that records each group and finishes when the test says so. */
function recorder<R>(answer: (item: string) => R) {
  const groups: string[][] = [];
  const finish: (() => void)[] = [];
  const commit = async (items: string[]): Promise<PromiseSettledResult<R>[]> => {
    groups.push(items);
    await new Promise<void>((resolve) => finish.push(resolve));
    return items.map((item) => ({ status: 'fulfilled', value: answer(item) }));
  };
  return { groups, finish, commit };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('starts at once when a lane is free, then groups what waited', async () => {
    const r = recorder((item) => item.toUpperCase());
    const queue = new GroupCommit(r.commit, { lanes: 2, maxSize: 10 });
    const answers = ['a', 'b', 'c', 'd', 'e'].map((item) => queue.submit(item, 1));
    await tick();
    expect(r.groups).toEqual([['a'], ['b']]);
    expect(queue.queued).toBe(3);
    r.finish.shift()!();
    await tick();
    expect(r.groups).toEqual([['a'], ['b'], ['c', 'd', 'e']]);
    for (const done of r.finish.splice(0)) done();
    expect(await Promise.all(answers)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('cuts groups at maxSize, but a submission bigger than that still goes (alone)', async () => {
    const r = recorder((item) => item);
    const queue = new GroupCommit(r.commit, { lanes: 1, maxSize: 5 });
    const answers = [queue.submit('first', 1), queue.submit('x3', 3), queue.submit('y2', 2), queue.submit('big', 9), queue.submit('z1', 1)];
    for (let i = 0; i < 4; i += 1) {
      await tick();
      r.finish.shift()!();
    }
    await Promise.all(answers);
    expect(r.groups).toEqual([['first'], ['x3', 'y2'], ['big'], ['z1']]);
  });

  it('settles each member with its own result; a commit that throws rejects its whole group only', async () => {
    let calls = 0;
    const queue = new GroupCommit<string, number>(
      async (items) => {
        calls += 1;
        if (items.includes('boom')) throw new Error('connection lost');
        return items.map((item) => (item === 'bad' ? { status: 'rejected', reason: new Error(`refused ${item}`) } : { status: 'fulfilled', value: item.length }));
      },
      { lanes: 1, maxSize: 100 },
    );
    const outcome = (r: PromiseSettledResult<number>) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message);
    // 'one' starts alone; the two that waited go together.
    const first = await Promise.allSettled([queue.submit('one', 1), queue.submit('bad', 1), queue.submit('three', 1)]);
    expect(first.map(outcome)).toEqual([3, 'refused bad', 5]);
    const second = await Promise.allSettled([queue.submit('z', 1), queue.submit('boom', 1), queue.submit('w', 1)]);
    expect(second.map(outcome)).toEqual([1, 'connection lost', 'connection lost']);
    expect(calls).toBe(4);
    expect(await queue.submit('again', 1)).toBe(5);
  });

  it('property: every submission is answered once, in order within its group, never more than `lanes` at a time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 12 }), async (sizes, lanes, maxSize) => {
        let inFlight = 0;
        let most = 0;
        const groups: number[][] = [];
        const queue = new GroupCommit<number, number>(
          async (items) => {
            inFlight += 1;
            most = Math.max(most, inFlight);
            groups.push(items);
            await tick();
            inFlight -= 1;
            return items.map((i) => ({ status: 'fulfilled', value: i * 10 }));
          },
          { lanes, maxSize },
        );
        const answers = await Promise.all(sizes.map((size, i) => queue.submit(i, size)));
        expect(answers).toEqual(sizes.map((_, i) => i * 10));
        expect(most).toBeLessThanOrEqual(lanes);
        expect(groups.flat()).toEqual(sizes.map((_, i) => i));
        for (const group of groups) if (group.length > 1) expect(group.reduce((sum, i) => sum + sizes[i]!, 0)).toBeLessThanOrEqual(maxSize);
      }),
      { numRuns: 100 },
    );
  });
});
