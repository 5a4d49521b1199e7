import { parseAtomFeed, parseRssFeed } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/build-content.js';

const BASE = 'https://wire.example.org';

/** Site path of one of our absolute URLs. */
const pathOf = (url: string) => new URL(url).pathname.slice(1);

describe('RFC 5005 archives (itemLimit 2 over the six sample stories)', () => {
  let run: CliRun;
  beforeAll(async () => {
    run = await runCli(['build', '--content', 'content', '--out', '$OUT', '--base-url', BASE, '--limit', '2']);
  });

  it('keeps the newest two in the subscription feed and links its newest archive', () => {
    const feed = parseAtomFeed(run.read('atom.xml'));
    expect(feed.entries).toHaveLength(2);
    expect(feed.links?.find((l) => l.rel === 'prev-archive')?.href).toBe(`${BASE}/archive/3/atom.xml`);
  });

  it('lets a reader rebuild the whole history by following prev-archive, in Atom and in RSS', () => {
    for (const [format, file] of [['atom', 'atom.xml'], ['rss', 'rss.xml']] as const) {
      const seen = new Set<string>();
      let path: string | undefined = file;
      const visited: string[] = [];
      while (path) {
        visited.push(path);
        const xml = run.read(path);
        if (format === 'atom') {
          const feed = parseAtomFeed(xml);
          for (const entry of feed.entries ?? []) seen.add(entry.id!);
          const prev = feed.links?.find((l) => l.rel === 'prev-archive')?.href;
          path = prev ? pathOf(prev) : undefined;
        } else {
          const feed = parseRssFeed(xml);
          for (const item of feed.items ?? []) seen.add(item.guid!.value!);
          const prev = feed.atom?.links?.find((l) => l.rel === 'prev-archive')?.href;
          path = prev ? pathOf(prev) : undefined;
        }
      }
      expect(visited).toHaveLength(4);
      expect(seen.size).toBe(6);
    }
  });

  it('marks archive documents as archives that point back at the subscription feed', () => {
    const xml = run.read('archive/1/atom.xml');
    const feed = parseAtomFeed(xml);
    expect(xml).toContain('<fh:archive/>');
    expect(xml).toContain('xmlns:fh="http://purl.org/syndication/history/1.0"');
    expect(feed.links?.find((l) => l.rel === 'current')?.href).toBe(`${BASE}/atom.xml`);
    expect(feed.links?.find((l) => l.rel === 'next-archive')?.href).toBe(`${BASE}/archive/2/atom.xml`);
    expect(feed.links?.some((l) => l.rel === 'prev-archive')).toBe(false);
    const newest = parseAtomFeed(run.read('archive/3/atom.xml'));
    expect(newest.links?.some((l) => l.rel === 'next-archive')).toBe(false);
  });

  it('paginates JSON Feed with next_url to the newest archive', () => {
    expect(JSON.parse(run.read('feed.json')).next_url).toBe(`${BASE}/archive/3/feed.json`);
  });
});
