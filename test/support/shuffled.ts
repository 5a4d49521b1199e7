// The benchmark's generator holds the project's seeded PRNG (mulberry32).
// @ts-expect-error plain ESM helper without types
import { seededRandom } from '../../bench/generate-stories.mjs';

/**
 * `items` in a seeded random order (Fisher–Yates over the bench's mulberry32), the same on every
 * run, so a test that holds an output to the same bytes for any arrival order can replay a failing one.
 */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random: () => number = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
