import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRssFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/build-content.js';

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
