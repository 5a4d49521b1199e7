import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeFolder } from '../../functions/adapters/make-folder.js';
import { tempDirs } from '../support/temp-dirs.js';

const tempDir = tempDirs('folders');

/**
 * `wirefeed build` as a user runs it, in its own process: a build that never ends must fail the
 * test by the spawn's timeout, not hang the test run (an endless synchronous loop in-process would).
 */
function buildInto(args: string[]) {
  return spawnSync(process.execPath, ['bin/wirefeed.js', 'build', '--content', 'content', ...args], { encoding: 'utf8', timeout: 30_000 });
}

describe('output and cache folders that cannot be made', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs']);
  });

  it('an output folder under /proc (mkdir answers ENOENT under a parent that exists): exit 2, naming the folder', () => {
    // When
    const result = buildInto(['--out', '/proc/nope']);
    // Then: it ends (Node's recursive mkdir looped forever here), with one clear line
    expect(result.signal).toBeNull();
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('error: cannot make the output folder /proc/nope: ENOENT: no such file or directory\n');
  });

  it('an output folder below a link to nothing: exit 2, naming the folder and what is in the way', () => {
    // Given
    const dir = tempDir();
    symlinkSync(join(dir, 'missing'), join(dir, 'dangling'));
    // When
    const result = buildInto(['--out', join(dir, 'dangling', 'out')]);
    // Then
    expect(result.signal).toBeNull();
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`error: cannot make the output folder ${join(dir, 'dangling', 'out')}: ${join(dir, 'dangling')} is in the way and is not a folder (a file, or a link to nothing)\n`);
  });

  it('a cache folder that cannot be made: exit 2, naming the cache folder, nothing written', () => {
    // Given
    const out = join(tempDir(), 'out');
    // When
    const result = buildInto(['--out', out, '--cache', '/proc/nope-cache/deeper']);
    // Then
    expect(result.signal).toBeNull();
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('error: cannot make the cache folder /proc/nope-cache/deeper: ENOENT: no such file or directory\n');
    expect(existsSync(join(out, 'rss.xml'))).toBe(false);
  });
});

describe('makeFolder', () => {
  it('makes every missing level, and accepts a folder that is there', () => {
    const dir = tempDir();
    makeFolder(join(dir, 'a', 'b', 'c'));
    makeFolder(join(dir, 'a', 'b', 'c'));
    expect(existsSync(join(dir, 'a', 'b', 'c'))).toBe(true);
  });

  it('refuses a file in the way, naming it', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'file'), '');
    expect(() => makeFolder(join(dir, 'a', 'file'), 'output folder')).toThrow(`cannot make the output folder ${join(dir, 'a', 'file')}: ${join(dir, 'a', 'file')} is in the way`);
    expect(() => makeFolder(join(dir, 'a', 'file', 'b'))).toThrow(/ENOTDIR/);
  });
});
