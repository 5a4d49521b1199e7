import { readFileSync, readdirSync } from 'node:fs';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/build-content.js';
import { listFiles } from './site-files.js';

/** The ninjs uri of every sample story: the one identity it must carry everywhere. */
const URIS = new Set(readdirSync('content/stories').map((name) => JSON.parse(readFileSync(`content/stories/${name}`, 'utf8')).uri as string));

/** The item ids of one feed file, read by feedsmith in its format. */
function idsOf(run: CliRun, path: string): string[] {
  const text = run.read(path);
  if (path.endsWith('feed.json')) return (parseJsonFeed(text).items ?? []).map((item) => item.id!);
  if (path.endsWith('atom.xml')) return (parseAtomFeed(text).entries ?? []).map((entry) => entry.id!);
  return (parseRssFeed(text).items ?? []).map((item) => item.guid!.value!);
}

/** Every feed file of a build, each with the ids it carries. */
function idsByFeed(run: CliRun): Map<string, string[]> {
  const feeds = listFiles(run.outDir).filter((path) => /(?:^|\/)(?:rss\.xml|atom\.xml|feed\.json)$/.test(path));
  return new Map(feeds.map((path) => [path, idsOf(run, path)]));
}

describe('one identity per story everywhere (issue 10 point 2)', () => {
  let first: CliRun;
  let moved: CliRun;
  beforeAll(async () => {
    const args = (base: string) => ['build', '--content', 'content', '--out', '$OUT', '--base-url', base, '--limit', '2', '--now', '2021-05-27T00:00:00Z'];
    first = await runCli(args('https://wire.example.org'));
    moved = await runCli(args('https://news.example.com/wire'));
  });

  it('uses the ninjs uri as guid/id in main, section, archive and partner feeds, in every format', () => {
    const feeds = idsByFeed(first);
    const kinds = [...feeds.keys()];
    expect(kinds).toContain('rss.xml');
    expect(kinds.some((path) => path.startsWith('sections/'))).toBe(true);
    expect(kinds.some((path) => path.startsWith('archive/'))).toBe(true);
    expect(kinds.some((path) => path.startsWith('sections/') && path.includes('/archive/'))).toBe(true);
    expect(kinds).toContain('partners/google-news/rss.xml');
    for (const [path, ids] of feeds) for (const id of ids) expect(URIS.has(id), `${path}: ${id}`).toBe(true);
  });

  it('shows each story under one id: main feed plus archives hold all six, in each format alike', () => {
    const feeds = idsByFeed(first);
    for (const file of ['rss.xml', 'atom.xml', 'feed.json']) {
      const history = [...feeds].filter(([path]) => path === file || (path.startsWith('archive/') && path.endsWith(file))).flatMap(([, ids]) => ids);
      expect(new Set(history), file).toEqual(URIS);
    }
    // The partner feed carries the same ids the main feed does.
    expect(new Set(feeds.get('partners/google-news/rss.xml'))).toEqual(URIS);
  });

  it('keeps every id when the base URL changes, while links move', () => {
    const before = idsByFeed(first);
    const after = idsByFeed(moved);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, ids] of before) expect(after.get(path), path).toEqual(ids);
    const link = parseRssFeed(moved.read('rss.xml')).items![0]!.link!;
    expect(link.startsWith('https://news.example.com/wire/stories/')).toBe(true);
  });
});
