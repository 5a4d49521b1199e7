import { describe, expect, it } from 'vitest';
import { allTogether, mapConcurrently, takingTurns } from './concurrently.js';

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

describe('takingTurns', () => {
  it('starts each task only after the one given before it settled, even when it failed', async () => {
    // Given: three tasks given at once, the first two finished by hand
    const inTurn = takingTurns();
    const gates = [deferred<string>(), deferred<string>()];
    const started: number[] = [];
    const first = inTurn(() => (started.push(0), gates[0]!.promise));
    const second = inTurn(() => (started.push(1), gates[1]!.promise));
    const third = inTurn(async () => (started.push(2), 'c'));
    second.catch(() => undefined);
    await tick();
    // Then: only the first runs
    expect(started).toEqual([0]);
    // When: the first finishes, the second starts; when it fails, the third still runs
    gates[0]!.resolve('a');
    await tick();
    expect(started).toEqual([0, 1]);
    gates[1]!.reject(new Error('second'));
    // Then: each caller gets its own outcome
    expect(await first).toBe('a');
    await expect(second).rejects.toThrow('second');
    expect(await third).toBe('c');
    expect(started).toEqual([0, 1, 2]);
  });
});
