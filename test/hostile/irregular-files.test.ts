import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentWith, SAMPLE_IDS } from './hostile-content.js';
import { tempDirs } from '../support/temp-dirs.js';

const tempDir = tempDirs('irregular');

/**
 * Content files that are not regular files: links to devices, FIFOs, folders. Git carries a
 * symbolic link into a content folder as easily as a story. The CLI runs in its own process: a
 * read of /dev/zero has no end, and must fail the test by the spawn's timeout, not hang the run.
 */
function build(contentDir: string, out = join(tempDir(), 'out')) {
  const result = spawnSync(process.execPath, ['bin/wirefeed.js', 'build', '--content', contentDir, '--out', out, '--base-url', 'https://wire.example.org'], { encoding: 'utf8', timeout: 30_000 });
  return { ...result, out };
}

describe('story files, site.json and photos that are not regular files', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs']);
  });

  it('a story linked to /dev/zero, a FIFO and a folder are refused unread, each named; the samples publish', () => {
    // Given
    const dir = contentWith({});
    symlinkSync('/dev/zero', join(dir, 'stories', 'zero.json'));
    execFileSync('mkfifo', [join(dir, 'stories', 'fifo.json')]);
    mkdirSync(join(dir, 'stories', 'folder.json'));
    // When
    const result = build(dir);
    // Then
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('error: '));
    expect(errors).toEqual([
      `error: ${join(dir, 'stories', 'fifo.json')}: /: not a regular file but a FIFO (named pipe); only regular files are read`,
      `error: ${join(dir, 'stories', 'folder.json')}: /: not a regular file but a folder; only regular files are read`,
      `error: ${join(dir, 'stories', 'zero.json')}: /: not a regular file but a character device; only regular files are read`,
    ]);
    expect(result.stderr).toContain(`published ${SAMPLE_IDS.length} stories (0 withheld, 3 rejected)`);
  });

  it('site.json linked to /dev/zero is a configuration error (exit 2), read no further than the check', () => {
    // Given
    const dir = contentWith({});
    rmSync(join(dir, 'site.json'));
    symlinkSync('/dev/zero', join(dir, 'site.json'));
    // When
    const result = build(dir);
    // Then
    expect(result.signal).toBeNull();
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`error: ${join(dir, 'site.json')}: not a regular file but a character device; only regular files are read\n`);
  });

  it('a photo that is a FIFO inside media/ is never opened for reading: the story naming it is refused', () => {
    // Given: a story showing media/pipe.jpg, which is a FIFO no one writes to (a read would block forever)
    const story = {
      uri: 'urn:wirefeed:hostile:irregular:pipe', versionCreated: '2024-01-01T00:00:00Z', headlines: [{ value: 'Photo is a pipe' }],
      associations: [{ name: 'p', uri: 'urn:wirefeed:hostile:irregular:pipe:photo', type: 'picture', renditions: [{ name: 'r', href: 'media/pipe.jpg', contentType: 'image/jpeg' }] }],
    };
    const dir = contentWith({ 'pipe.json': JSON.stringify(story) });
    execFileSync('mkfifo', [join(dir, 'media', 'pipe.jpg')]);
    // When
    const result = build(dir);
    // Then
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`error: ${join(dir, 'stories', 'pipe.json')}: /associations/0/renditions/0/href: media file not found: media/pipe.jpg\n`);
  });
});
