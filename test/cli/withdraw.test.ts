import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRssFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/build-content.js';

const VIENNA = 'content/stories/vienna-talks-syria.json';

describe('withdrawing a story and building into the same folder again', () => {
  it('removes its page, its photos and its items; everything else stays', async () => {
    // Given: the samples built once
    const content = mkdtempSync(join(tmpdir(), 'wirefeed-withdraw-'));
    cpSync('content', content, { recursive: true });
    const first = await runCli(['build', '--content', content, '--out', '$OUT']);
    const photos = (run: typeof first) => parseRssFeed(run.read('rss.xml')).items!.flatMap((item) => item.media?.contents?.map((m) => new URL(m.url!).pathname.slice(1)) ?? []);
    const viennaPhotos = parseRssFeed(first.read('rss.xml')).items!.find((item) => item.guid?.value?.includes('vienna'))!.media!.contents!.map((m) => new URL(m.url!).pathname.slice(1));
    expect(viennaPhotos).toHaveLength(4);
    const pages = readdirSync(join(first.outDir, 'stories'));
    // When: the story is canceled in a new version and the folder is built again
    const story = JSON.parse(readFileSync(VIENNA, 'utf8'));
    writeFileSync(join(content, 'stories', 'vienna-talks-syria.json'), JSON.stringify({ ...story, version: '2', versionCreated: '2015-10-31T08:00:00+08:00', pubStatus: 'canceled' }));
    const second = await runCli(['build', '--content', content, '--out', '$OUT'], first.outDir);
    // Then
    expect(second.code).toBe(0);
    const remaining = readdirSync(join(second.outDir, 'stories'));
    expect(remaining).toHaveLength(pages.length - 1);
    expect(remaining.some((page) => page.startsWith('vienna'))).toBe(false);
    for (const photo of viennaPhotos) expect(existsSync(join(second.outDir, photo)), photo).toBe(false);
    for (const photo of photos(second)) expect(existsSync(join(second.outDir, photo)), photo).toBe(true);
    expect(parseRssFeed(second.read('rss.xml')).items).toHaveLength(5);
  });
});

describe('a new version that fails validation (issue 20 point 1)', () => {
  const file = (content: string) => join(content, 'stories', 'vienna-talks-syria.json');
  const viennaIn = (run: CliRun, feed: string) => (parseRssFeed(run.read(feed)).items ?? []).some((item) => item.guid?.value?.includes('vienna'));
  const feeds = ['rss.xml', 'partners/google-news/rss.xml', 'partners/flipboard/rss.xml'];

  it('keeps the last good version published, says so in one line, and still exits 1', async () => {
    // Given: the samples built once, then the story saved again with a JSON typo
    const content = mkdtempSync(join(tmpdir(), 'wirefeed-kept-'));
    cpSync('content', content, { recursive: true });
    const first = await runCli(['build', '--content', content, '--out', '$OUT']);
    const page = readdirSync(join(first.outDir, 'stories')).find((name) => name.startsWith('vienna'))!;
    const photos = parseRssFeed(first.read('rss.xml')).items!.find((item) => item.guid?.value?.includes('vienna'))!.media!.contents!.map((m) => new URL(m.url!).pathname.slice(1));
    for (const feed of feeds) expect(viennaIn(first, feed), feed).toBe(true);
    const broken = readFileSync(file(content), 'utf8').replace('"version": "1",', '"version": "2",,');
    expect(broken).toContain('"2",,');
    writeFileSync(file(content), broken);
    // When: built again into the same folder, then once more with nothing changed
    for (const attempt of ['changed', 'unchanged']) {
      const run = await runCli(['build', '--content', content, '--out', '$OUT'], first.outDir);
      // Then: rejected (its own error line, exit 1), and the last good version is still everywhere
      expect(run.code, attempt).toBe(1);
      expect(run.errors.some((line) => line.startsWith(`${file(content)}: /: `)), attempt).toBe(true);
      const kept = run.errors.filter((line) => line.startsWith('kept '));
      expect(kept, attempt).toEqual([expect.stringMatching(new RegExp(`^kept ${escapeRegExp(file(content))} at version 1: the new version is rejected: /: `))]);
      for (const feed of feeds) expect(viennaIn(run, feed), `${attempt} ${feed}`).toBe(true);
      expect(run.read(`stories/${page}`), attempt).toContain('Vienna');
      for (const photo of photos) expect(existsSync(join(run.outDir, photo)), `${attempt} ${photo}`).toBe(true);
    }
    // When: the story is then canceled in a valid version
    const story = JSON.parse(readFileSync(VIENNA, 'utf8'));
    writeFileSync(file(content), JSON.stringify({ ...story, version: '3', versionCreated: '2015-10-31T08:00:00+08:00', pubStatus: 'canceled' }));
    const canceled = await runCli(['build', '--content', content, '--out', '$OUT'], first.outDir);
    // Then: only that withdraws it
    expect(canceled.code).toBe(0);
    for (const feed of feeds) expect(viennaIn(canceled, feed), feed).toBe(false);
    expect(existsSync(join(canceled.outDir, 'stories', page))).toBe(false);
  });

  it('keeps the last good version when a usable new version names a photo that is missing', async () => {
    // Given: a build, then version 2 pointing its first photo at a file that does not exist
    const content = mkdtempSync(join(tmpdir(), 'wirefeed-kept-media-'));
    cpSync('content', content, { recursive: true });
    const first = await runCli(['build', '--content', content, '--out', '$OUT']);
    const story = JSON.parse(readFileSync(VIENNA, 'utf8'));
    writeFileSync(file(content), JSON.stringify({ ...story, version: '2', versionCreated: '2015-10-31T08:00:00+08:00' }).replace('media/vienna-talks/photo1-1600.jpg', 'media/vienna-talks/missing.jpg'));
    // When
    const run = await runCli(['build', '--content', content, '--out', '$OUT'], first.outDir);
    // Then
    expect(run.code).toBe(1);
    expect(run.errors.filter((line) => line.startsWith('kept '))).toEqual([expect.stringMatching(/^kept \S+vienna-talks-syria\.json at version 1: the new version is rejected: \/associations\//)]);
    expect(run.errors.some((line) => line.includes('vienna-talks-syria.json: /associations/'))).toBe(true);
    for (const feed of feeds) expect(viennaIn(run, feed), feed).toBe(true);
  });

  it('without the cache there is no last good version: the story is rejected and no kept line is printed', async () => {
    // Given: a build, a typo, and the cache folder deleted
    const content = mkdtempSync(join(tmpdir(), 'wirefeed-kept-nocache-'));
    cpSync('content', content, { recursive: true });
    const first = await runCli(['build', '--content', content, '--out', '$OUT']);
    writeFileSync(file(content), readFileSync(file(content), 'utf8').replace('"version": "1",', '"version": "2",,'));
    rmSync(join(first.outDir, '..', '.wirefeed-cache'), { recursive: true, force: true });
    // When
    const run = await runCli(['build', '--content', content, '--out', '$OUT'], first.outDir);
    // Then
    expect(run.code).toBe(1);
    expect(run.errors.filter((line) => line.startsWith('kept '))).toEqual([]);
    expect(viennaIn(run, 'rss.xml')).toBe(false);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
