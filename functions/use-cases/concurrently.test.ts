import { describe, expect, it } from 'vitest';
import { allTogether, forEachInOrder, mapConcurrently } from './concurrently.js';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('mapConcurrently', () => {
  it('runs up to `limit` items at once and returns results in list order, whatever order they finish in', async () => {
    // Given: four items whose work the test finishes by hand
    const gates = [0, 1, 2, 3].map(() => deferred<string>());
    const started: number[] = [];
    const run = mapConcurrently([0, 1, 2, 3], 2, (item) => (started.push(item), gates[item]!.promise));
    // Then: two start together, not one after another
    await tick();
    expect(started).toEqual([0, 1]);
    // When: item 1 finishes first
    gates[1]!.resolve('b');
    await tick();
    // Then: its slot goes to item 2; still two running
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve('a');
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    gates[3]!.resolve('d');
    gates[2]!.resolve('c');
    expect(await run).toEqual(['a', 'b', 'c', 'd']);
  });

  it('starts nothing more after a failure, waits for the work still running, then throws the first failure', async () => {
    // Given
    const gates = [0, 1, 2].map(() => deferred<number>());
    const started: number[] = [];
    let settled = false;
    const run = mapConcurrently([0, 1, 2], 2, (item) => (started.push(item), gates[item]!.promise)).finally(() => (settled = true));
    run.catch(() => undefined);
    await tick();
    // When: item 0 fails while item 1 still runs
    gates[0]!.reject(new Error('first'));
    await tick();
    // Then: no third item starts, and the call has not returned while item 1 may still be writing
    expect(started).toEqual([0, 1]);
    expect(settled).toBe(false);
    // When: item 1 fails too
    gates[1]!.reject(new Error('second'));
    // Then: the first failure is thrown
    await expect(run).rejects.toThrow('first');
    expect(started).toEqual([0, 1]);
  });

  it('returns an empty list for no items and refuses a limit below one', async () => {
    expect(await mapConcurrently([], 3, async () => 1)).toEqual([]);
    await expect(mapConcurrently([1], 0, async () => 1)).rejects.toThrow(RangeError);
  });
});

describe('allTogether', () => {
  it('starts every task at once and returns when all are done', async () => {
    // Given
    const gates = [deferred<void>(), deferred<void>()];
    let done = false;
    const run = allTogether(() => gates[0]!.promise, () => gates[1]!.promise).then(() => (done = true));
    await tick();
    // When: one finishes
    gates[1]!.resolve();
    await tick();
    // Then: not done until the other is
    expect(done).toBe(false);
    gates[0]!.resolve();
    await run;
    expect(done).toBe(true);
  });

  it('does not start a task only after another finished', async () => {
    const started: string[] = [];
    const gate = deferred<void>();
    const run = allTogether(
      () => (started.push('a'), gate.promise),
      async () => void started.push('b'),
    );
    await tick();
    expect(started).toEqual(['a', 'b']);
    gate.resolve();
    await run;
  });
});

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
