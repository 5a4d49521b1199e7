import { readdirSync, readFileSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCacheDir } from '../../functions/adapters/fs-build-cache.js';
import { runCli } from '../support/build-content.js';
import { tempDirs } from '../support/temp-dirs.js';

const tempDir = tempDirs('damaged-cache');

/** Every file of a folder, by path, with its bytes. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    files.set(relative(dir, path), readFileSync(path, 'latin1'));
  }
  return files;
}

const storyIndex = (cache: string) => readdirSync(cache).find((file) => file.startsWith('stories-'))!;
const packs = (cache: string) => readdirSync(cache).filter((file) => file.startsWith('pack-')).sort();

describe('a build over a damaged cache', () => {
  const damages: Array<[string, (cache: string) => void]> = [
    ['a story index cut short', (cache) => truncateSync(join(cache, storyIndex(cache)), statSync(join(cache, storyIndex(cache))).size - 10)],
    ['a story index that is not JSON', (cache) => writeFileSync(join(cache, storyIndex(cache)), '{"paths":')],
    [
      'a manifest of the format before the story index',
      (cache) => {
        const key = JSON.parse(readFileSync(join(cache, 'manifest.ndjson'), 'utf8').split('\n')[0]!).key;
        writeFileSync(join(cache, 'manifest.ndjson'), `${JSON.stringify({ key, nextPack: 9 })}\n${JSON.stringify(['s', 'content/stories/x.json', 1, 1, [], { source: 'x' }])}\n{"end":true}\n`);
      },
    ],
  ];
  for (const [name, damage] of damages) {
    it(`${name}: builds everything again, exit 0, the same bytes, and leaves a cache the next build reads`, async () => {
      // Given
      // Inside a temp folder, so the cache beside it goes with it.
      const outDir = join(tempDir(), 'out');
      const first = await runCli(['build', '--content', 'content', '--out', '$OUT'], outDir);
      expect(first.code).toBe(0);
      const before = snapshot(outDir);
      const cache = defaultCacheDir(outDir);
      const index = storyIndex(cache);
      const firstPacks = packs(cache);
      // When
      damage(cache);
      const again = await runCli(['build', '--content', 'content', '--out', '$OUT'], outDir);
      // Then: a full build into a cache made afresh (packs numbered from the start again, a new index), with the same outputs
      expect(again.errors).toEqual([]);
      expect(again.code).toBe(0);
      expect(packs(cache)).toEqual(firstPacks);
      expect(storyIndex(cache)).not.toBe(index);
      expect(snapshot(outDir)).toEqual(before);
      // When: nothing changed since
      const rebuilt = storyIndex(cache);
      const third = await runCli(['build', '--content', 'content', '--out', '$OUT'], outDir);
      // Then: the cache it left is used as it is
      expect(third.code).toBe(0);
      expect(storyIndex(cache)).toBe(rebuilt);
      expect(snapshot(outDir)).toEqual(before);
    });
  }
});
