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
