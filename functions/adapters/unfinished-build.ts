// A marker in the build cache folder that tells a build whether the one before it was killed while
// writing outputs (see cache-manifest.ts for what the cache records of them).
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Present while a build writes outputs; a build that finds it knows the last one was killed. */
const UNFINISHED = 'unfinished';

/**
 * Marks the start of writing outputs and tells whether the previous build stopped while writing
 * them. Then the files it wrote may not match the keys the manifest still holds (a story changed
 * back before the next build would leave the killed build's version on disk), so the caller must
 * not trust those keys.
 */
export function startWritingOutputs(cacheDir: string): { previousUnfinished: boolean } {
  const marker = join(cacheDir, UNFINISHED);
  const previousUnfinished = existsSync(marker);
  writeFileSync(marker, '');
  return { previousUnfinished };
}

/** Marks the outputs written and the manifest saved. */
export function finishWritingOutputs(cacheDir: string): void {
  rmSync(join(cacheDir, UNFINISHED), { force: true });
}
