/** The time, for use cases that decide by it or report how long something took (adapters/system-clock.ts). */
export interface Clock {
  /** The current time. */
  now(): Date;
  /** Milliseconds on a clock that never goes back, for measuring a duration. */
  monotonicMs(): number;
}
