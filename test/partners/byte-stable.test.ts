import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/build-content.js';
import { listFiles, readBytes } from './site-files.js';

const BASE = 'https://wire.example.org';

describe('byte-stable output (issue 10 point 1)', () => {
  it('builds content/ into identical bytes twice, at other times, and in another time zone', async () => {
    // Given: three builds at different clock times, all within two days of the newest story (the news sitemap's age limit)
    // (so partner feeds and the news sitemap are not empty), the third in UTC+05:30.
    const args = (out: string, now: string) => ['build', '--content', 'content', '--out', out, '--base-url', BASE, '--now', now];
    const first = await runCli(args('$OUT', '2021-05-27T00:00:00Z'));
    const second = await runCli(args('$OUT', '2021-05-27T06:30:00Z'));
    const third = mkdtempSync(join(tmpdir(), 'wirefeed-tz-'));
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'test/partners/cli-entry.ts', ...args(third, '2021-05-27T13:45:00Z')], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'Asia/Kolkata' },
    });
    expect(child.status, child.stderr).toBe(0);
    expect(first.code).toBe(0);

    // Then: the same files, byte for byte.
    const files = listFiles(first.outDir);
    expect(files).toContain('partners/msn/rss.xml');
    expect(files).toContain('news-sitemap.xml');
    expect(readBytes(first.outDir, 'news-sitemap.xml').toString()).toContain('<news:news>');
    expect(listFiles(second.outDir)).toEqual(files);
    expect(listFiles(third)).toEqual(files);
    for (const file of files) {
      expect(readBytes(second.outDir, file).equals(readBytes(first.outDir, file)), file).toBe(true);
      expect(readBytes(third, file).equals(readBytes(first.outDir, file)), `${file} (TZ=Asia/Kolkata)`).toBe(true);
    }
  });
});
