import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDirs } from '../../test/support/temp-dirs.js';
import { outputPresence } from './fs-site.js';

const tempDir = tempDirs('presence');

/** An output folder with `f/a`, `f/b` and `g/c`, and where its stamps go. */
function site() {
  const out = tempDir();
  for (const path of ['f/a', 'f/b', 'g/c']) {
    mkdirSync(join(out, path, '..'), { recursive: true });
    writeFileSync(join(out, path), path);
  }
  return { out, stamps: join(tempDir(), 'stamps.json') };
}

/** A stamps file saying `folder` was found complete as it is now. */
function stampAsIs(out: string, stamps: string, folder: string): void {
  const stats = statSync(join(out, folder));
  writeFileSync(stamps, JSON.stringify({ [folder]: [stats.ctimeMs, stats.mtimeMs, stats.ino] }));
}

/** The clock a while after the folders last changed, so their stamps are settled. */
const later = () => vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 60_000);

afterEach(() => vi.restoreAllMocks());

describe('output presence', () => {
  it('takes a folder whose stamp still matches as complete, without looking inside', () => {
    // Given: a stamp for f as it is; the build asks only about files the last build wrote, so a name never written tells
    const { out, stamps } = site();
    stampAsIs(out, stamps, 'f');
    later();
    // When
    const presence = outputPresence(out, stamps);
    // Then
    expect(presence.has('f/never-written')).toBe(true);
    expect(presence.has('g/never-written')).toBe(false);
  });

  it('lists a folder changed since its stamp, replaced, or changed too recently to trust its stamp', () => {
    const { out, stamps } = site();
    // A file removed since the stamp
    stampAsIs(out, stamps, 'f');
    rmSync(join(out, 'f/a'));
    later();
    expect(outputPresence(out, stamps).has('f/a')).toBe(false);
    expect(outputPresence(out, stamps).has('f/b')).toBe(true);
    vi.restoreAllMocks();
    // The folder replaced by another with the same files
    stampAsIs(out, stamps, 'g');
    mkdirSync(join(out, 'g2'));
    writeFileSync(join(out, 'g2', 'c'), 'g/c');
    rmSync(join(out, 'g'), { recursive: true });
    renameSync(join(out, 'g2'), join(out, 'g'));
    later();
    expect(outputPresence(out, stamps).has('g/missing')).toBe(false);
    vi.restoreAllMocks();
    // A stamp of a folder changed a moment ago: a removal in the same clock tick would not show
    stampAsIs(out, stamps, 'f');
    expect(outputPresence(out, stamps).has('f/missing')).toBe(false);
    // Nor is such a stamp kept for the next build
    const recentStamps = join(tempDir(), 'stamps.json');
    const recent = outputPresence(out, recentStamps);
    recent.has('f/b');
    recent.settle();
    later();
    expect(outputPresence(out, recentStamps).has('f/missing')).toBe(false);
    vi.restoreAllMocks();
    // A stamp whose mtime is not the folder's
    const stats = statSync(join(out, 'f'));
    writeFileSync(stamps, JSON.stringify({ f: [stats.ctimeMs, stats.mtimeMs - 1000, stats.ino] }));
    later();
    expect(outputPresence(out, stamps).has('f/missing')).toBe(false);
    vi.restoreAllMocks();
    // A damaged stamps file
    writeFileSync(stamps, '{"f": [1,');
    later();
    expect(outputPresence(out, stamps).has('f/missing')).toBe(false);
  });

  it('keeps the stamps of the folders it looked at, taken before it listed them, and writes them only when they change', () => {
    // Given
    const { out, stamps } = site();
    later();
    // When: a build finds f and g complete
    const first = outputPresence(out, stamps);
    expect(first.has('f/a') && first.has('g/c')).toBe(true);
    first.settle();
    // Then: the next one trusts both stamps
    expect(Object.keys(JSON.parse(readFileSync(stamps, 'utf8')) as object).sort()).toEqual(['f', 'g']);
    const inode = statSync(stamps).ino;
    const second = outputPresence(out, stamps);
    expect(second.has('f/never-written') && second.has('g/never-written')).toBe(true);
    // When: that build writes a file into f, then settles with the same stamps
    writeFileSync(join(out, 'f', 'new'), 'new');
    second.settle();
    // Then: the file is left as it was, and f, whose stamp no longer matches, is listed next time
    expect(statSync(stamps).ino).toBe(inode);
    const third = outputPresence(out, stamps);
    expect(third.has('f/never-written')).toBe(false);
    expect(third.has('g/never-written')).toBe(true);
  });
});
