/** Runs rebuilds for a stream of change notices: debounced, never two at once, never one lost. */
export interface RebuildScheduler {
  /** Something changed: a rebuild runs once the changes have been quiet for the delay. */
  changed(): void;
  /** Drops a waiting rebuild and resolves once a running one has finished. */
  close(): Promise<void>;
}

/**
 * Debounces change notices by `delayMs` (an editor's save is several events, a copied folder
 * hundreds) and coalesces: a notice that arrives while a rebuild runs lets that rebuild finish,
 * then exactly one more runs, which sees every change made meanwhile. A rebuild that throws is
 * the caller's to report; `run` should not throw.
 */
export function createRebuildScheduler(run: () => void | Promise<void>, delayMs: number): RebuildScheduler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  const loop = async (): Promise<void> => {
    do {
      again = false;
      await run();
    } while (again && !closed);
  };

  const fire = (): void => {
    timer = undefined;
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = loop().finally(() => {
      running = undefined;
    });
  };

  return {
    changed() {
      if (closed) return;
      clearTimeout(timer);
      timer = setTimeout(fire, delayMs);
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}
