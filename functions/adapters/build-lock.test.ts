import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCacheDir } from './fs-build-cache.js';
import { build } from '../../test/support/stream-build-fixtures.js';
// @ts-expect-error plain ESM helper without types
import { generateContent } from '../../bench/generate-stories.mjs';

describe('one build at a time per output folder', () => {
  it('refuses to build while another build runs there, and takes over a lock a build that ended left behind', () => {
    const content = generateContent(5) as string;
    const outDir = mkdtempSync(join(tmpdir(), 'wirefeed-stream-'));
    const lock = `${defaultCacheDir(outDir)}.lock`;
    mkdirSync(dirname(lock), { recursive: true });
    // Given: a running process holds the lock
    const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeFileSync(lock, String(running.pid));
      // Then: the build stops before writing anything, naming that process
      expect(() => build(content, { outDir })).toThrow(`another build (process ${running.pid}) is writing this output folder`);
      expect(readdirSync(outDir)).toEqual([]);
    } finally {
      running.kill();
    }
    // Given: the lock of a process that has ended (a killed build)
    writeFileSync(lock, String(spawnSync(process.execPath, ['-e', '0']).pid));
    // Then: the build takes it over, builds, and releases it
    expect(build(content, { outDir }).summary.published).toBe(5);
    expect(existsSync(lock)).toBe(false);
  });
});
