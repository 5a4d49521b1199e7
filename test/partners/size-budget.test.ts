import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRssFeed } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/build-content.js';

const BASE = 'https://wire.example.org';
const STORIES = 60;
const LIMIT = 25;
const MB = 1024 * 1024;

/**
 * Content with `STORIES` stories of `repeats` × 1.5 kB body each, all inside the 128 KiB item
 * budget so feeds keep the bodies: at 70 (~100 kB), 25 of them make a ~2.5 MB feed; at 85
 * (~125 kB) even the archive page still filling would not fit a 2 MB feed.
 */
function oversizedContent(repeats = 70): string {
  const dir = mkdtempSync(join(tmpdir(), 'wirefeed-big-'));
  mkdirSync(join(dir, 'stories'));
  writeFileSync(join(dir, 'site.json'), JSON.stringify({ title: 'Big wire', baseUrl: BASE, itemLimit: LIMIT, partners: { gn: { profile: 'google-news', itemLimit: 60 } } }));
  const paragraph = `<p>${'The committee heard evidence on the harbour accounts for a further day. '.repeat(20)}</p>`;
  for (let index = 0; index < STORIES; index += 1) {
    const time = new Date(Date.UTC(2024, 0, 1, 0, index)).toISOString();
    writeFileSync(join(dir, 'stories', `s${String(index).padStart(3, '0')}.json`), JSON.stringify({
      uri: `urn:example:big:${index}`,
      version: '1',
      firstCreated: time,
      versionCreated: time,
      headlines: [{ role: 'main', value: `Harbour accounts hearing, day ${index + 1}` }],
      bodies: [{ role: 'main', contentType: 'text/html', value: paragraph.repeat(repeats) }],
    }));
  }
  return dir;
}

describe('size budget (issue 10 point 5)', () => {
  let run: CliRun;
  beforeAll(async () => {
    run = await runCli(['build', '--content', oversizedContent(), '--out', '$OUT', '--now', '2024-01-02T00:00:00Z']);
  });

  it('keeps every main feed format under 2 MB by carrying fewer items', () => {
    expect(run.code).toBe(0);
    for (const file of ['rss.xml', 'atom.xml', 'feed.json']) expect(readFileSync(join(run.outDir, file)).length, file).toBeLessThan(2 * MB);
    const items = parseRssFeed(run.read('rss.xml')).items ?? [];
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(LIMIT);
  });

  it('keeps every story reachable: the subscription feed plus its archives hold all of them', () => {
    const seen = new Set<string>();
    let path: string | undefined = 'rss.xml';
    while (path) {
      const feed: ReturnType<typeof parseRssFeed> = parseRssFeed(run.read(path));
      for (const item of feed.items ?? []) seen.add(item.guid!.value!);
      const prev: string | undefined = feed.atom?.links?.find((link: { rel?: string }) => link.rel === 'prev-archive')?.href;
      path = prev ? new URL(prev).pathname.slice(1) : undefined;
    }
    expect(seen.size).toBe(STORIES);
  });

  it('keeps the Google News partner feed under 2 MB and each item under 1 MB', () => {
    const xml = run.read('partners/gn/rss.xml');
    expect(Buffer.byteLength(xml)).toBeLessThan(2 * MB);
    const items = parseRssFeed(xml).items ?? [];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(Buffer.byteLength(item.content?.encoded ?? '')).toBeLessThan(MB);
  });
});

describe('size budget with stories so large that one page of them passes 2 MB', () => {
  let run: CliRun;
  beforeAll(async () => {
    run = await runCli(['build', '--content', oversizedContent(85), '--out', '$OUT', '--now', '2024-01-02T00:00:00Z']);
  });

  it('closes archive pages early so every feed and archive file stays under 2 MB and every story stays reachable', () => {
    const seen = new Set<string>();
    let path: string | undefined = 'rss.xml';
    while (path) {
      for (const format of ['rss.xml', 'atom.xml', 'feed.json']) {
        const file = path.replace(/rss\.xml$/, format);
        expect(readFileSync(join(run.outDir, file)).length, file).toBeLessThan(2 * MB);
      }
      const feed: ReturnType<typeof parseRssFeed> = parseRssFeed(run.read(path));
      for (const item of feed.items ?? []) seen.add(item.guid!.value!);
      const prev: string | undefined = feed.atom?.links?.find((link: { rel?: string }) => link.rel === 'prev-archive')?.href;
      path = prev ? new URL(prev).pathname.slice(1) : undefined;
    }
    expect(seen.size).toBe(STORIES);
  });
});
