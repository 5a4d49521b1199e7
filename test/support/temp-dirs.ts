import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * A maker of fresh temporary folders named `wirefeed-<prefix>-…`, each removed after the test that
 * made it. Call once at a test file's top level (it registers the cleanup hook).
 */
export function tempDirs(prefix: string): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), `wirefeed-${prefix}-`));
    made.push(dir);
    return dir;
  };
}
