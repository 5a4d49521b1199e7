import { describe, expect, it } from 'vitest';
import { forEachInOrder } from './in-order.js';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('forEachInOrder', () => {
  it('keeps at most `limit` items running and consumes results in list order, whatever order they finish in', async () => {
    // Given: five items whose work the test finishes by hand
    const gates = [0, 1, 2, 3, 4].map(() => deferred<string>());
    const started: number[] = [];
    const consumed: string[] = [];
    const run = forEachInOrder([0, 1, 2, 3, 4], 2, (item) => (started.push(item), gates[item]!.promise), (result) => void consumed.push(result));

    // When: item 1 finishes before item 0
    await tick();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve('b');
    await tick();
    // Then: nothing is consumed before item 0, and no third item starts while two run
    expect(consumed).toEqual([]);
    expect(started).toEqual([0, 1]);

    gates[0]!.resolve('a');
    await tick();
    expect(consumed).toEqual(['a', 'b']);
    expect(started).toEqual([0, 1, 2, 3]);
    for (const index of [4, 3, 2]) gates[index]!.resolve('cde'[index - 2]!);
    await run;
    expect(consumed).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('waits for `consume` before taking the next result', async () => {
    const gate = deferred<void>();
    const consumed: number[] = [];
    const run = forEachInOrder([1, 2], 2, async (item) => item, async (result) => {
      if (result === 1) await gate.promise;
      consumed.push(result);
    });
    await tick();
    expect(consumed).toEqual([]);
    gate.resolve();
    await run;
    expect(consumed).toEqual([1, 2]);
  });

  it('stops starting work after a failure, lets running work finish, then throws it', async () => {
    // Given: item 1 fails while item 2 is still writing
    const slow = deferred<number>();
    const started: number[] = [];
    let slowFinished = false;
    const run = forEachInOrder([0, 1, 2, 3, 4], 3, async (item) => {
      started.push(item);
      if (item === 1) throw new Error('item 1 broke');
      if (item === 2) return slow.promise.finally(() => (slowFinished = true));
      return item;
    }, () => undefined);
    const outcome = run.then(() => 'resolved', (error: Error) => error.message);

    await tick();
    slow.resolve(2);
    // Then: the failure surfaces only after item 2 settled, and item 4 never started
    expect(await outcome).toBe('item 1 broke');
    expect(slowFinished).toBe(true);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('refuses a limit that is not a positive integer', async () => {
    await expect(forEachInOrder([1], 0, async (item) => item, () => undefined)).rejects.toThrow(RangeError);
  });
});
