import { performance } from 'node:perf_hooks';
import type { Clock } from '../core/ports/clock.js';

/** The machine's clock. */
export const systemClock: Clock = {
  now: () => new Date(),
  monotonicMs: () => performance.now(),
};
