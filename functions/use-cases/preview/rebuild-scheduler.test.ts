import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRebuildScheduler } from './rebuild-scheduler.js';

/** A rebuild the test finishes by hand, counting how many started. */
function controlledRun() {
  const finishers: Array<() => void> = [];
  const run = vi.fn(() => new Promise<void>((resolve) => finishers.push(resolve)));
  return { run, finishNext: () => finishers.shift()!() };
}

describe('createRebuildScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs one rebuild for a burst of changes, once they are quiet for the delay', async () => {
    // Given
    const { run } = controlledRun();
    const scheduler = createRebuildScheduler(run, 200);
    // When: twenty changes 50 ms apart
    for (let i = 0; i < 20; i++) {
      scheduler.changed();
      await vi.advanceTimersByTimeAsync(50);
    }
    // Then: nothing yet, and one rebuild once they stop
    expect(run).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('lets a running rebuild finish, then runs exactly one more for the changes made meanwhile', async () => {
    // Given: a rebuild running
    const { run, finishNext } = controlledRun();
    const scheduler = createRebuildScheduler(run, 200);
    scheduler.changed();
    await vi.advanceTimersByTimeAsync(200);
    expect(run).toHaveBeenCalledTimes(1);
    // When: changes arrive, far enough apart that each one's debounce ends while it runs
    for (let i = 0; i < 3; i++) {
      scheduler.changed();
      await vi.advanceTimersByTimeAsync(300);
    }
    // Then: no second rebuild alongside the first
    expect(run).toHaveBeenCalledTimes(1);
    finishNext();
    await vi.advanceTimersByTimeAsync(0);
    // And exactly one more once it finished
    expect(run).toHaveBeenCalledTimes(2);
    finishNext();
    await vi.advanceTimersByTimeAsync(1000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('runs nothing after close, and close waits for the running rebuild', async () => {
    const { run, finishNext } = controlledRun();
    const scheduler = createRebuildScheduler(run, 200);
    scheduler.changed();
    await vi.advanceTimersByTimeAsync(200);
    scheduler.changed();
    let closed = false;
    void scheduler.close().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(closed).toBe(false);
    finishNext();
    await vi.advanceTimersByTimeAsync(1000);
    expect(closed).toBe(true);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
