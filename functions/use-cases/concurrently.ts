/**
 * Runs `work` on every item with at most `limit` running at once and returns the results in list
 * order. A publish waits on S3 for 10–30 ms per request; requests that do not depend on each other
 * (one feed's files, one story's photos) are issued together instead of one after another.
 *
 * Unlike `Promise.all`, a failure does not return early: no more work starts, the work already
 * running is awaited, then the first failure is thrown. The caller's next step (a window commit
 * after its files, a page after its photos) must never start while a write of this step is still
 * in flight, even when the step failed.
 */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}

/** Runs independent tasks together (see `mapConcurrently`: all settle before the first failure is thrown). */
export async function allTogether(...tasks: Array<() => Promise<unknown>>): Promise<void> {
  await mapConcurrently(tasks, Math.max(1, tasks.length), (task) => task());
}

/**
 * Runs `work` on up to `limit` items at once, in list order, and hands each result to `consume` in
 * list order. A rebuild reads and writes each story's own objects concurrently (S3 answers each
 * request in 10–30 ms, so one at a time is mostly waiting), while the feeds must still take the
 * stories oldest first. At most `limit` results wait for `consume`, so memory stays bounded.
 *
 * On the first failure no more work starts; the work already running is awaited (it may be writing)
 * and the failure is thrown.
 */
export async function forEachInOrder<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  consume: (result: R, index: number) => Promise<void> | void,
): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const running = new Map<number, Promise<R>>();
  let started = 0;
  const startUpTo = (end: number) => {
    for (; started < Math.min(end, items.length); started++) {
      const promise = work(items[started]!, started);
      // Awaited in order below; until then a rejection must not count as unhandled.
      promise.catch(() => undefined);
      running.set(started, promise);
    }
  };
  try {
    for (let index = 0; index < items.length; index++) {
      startUpTo(index + limit);
      const result = await running.get(index)!;
      running.delete(index);
      await consume(result, index);
    }
  } catch (error) {
    await Promise.allSettled(running.values());
    throw error;
  }
}

/**
 * Requests one step of a publish keeps in flight. Enough for a story's photos and a feed's files to
 * go at once in the usual case; bounded so that a story with a hundred photos does not open a hundred
 * sockets (the SDK's HTTP agent allows 50) or hold a hundred bodies at once.
 */
export const REQUESTS_AT_ONCE = 8;
