import { describe, expect, it } from 'vitest';
import { emptyWindow, type FeedWindow, type WindowEntry } from '../../core/incremental/feed-window.js';
import { ArchiveAppend } from '../../core/outputs/feed-set/archive-plan.js';
import { resumeSizedCutter } from '../../core/outputs/feed-set/archive-cut.js';
import { PAGE_ITEM_BUDGET } from '../../core/outputs/feed-budget.js';
import { keptWindowRules, planWindow, planWithoutReads } from '../../core/outputs/feed-set/window-plan.js';
import { fragments } from '../../../test/support/format-fragments.js';
import { HeadsMerge, NewestItems, newestKept, windowOfCut, type PartitionHeads } from './run-heads.js';

const entry = (n: number, bytes: number): WindowEntry => {
  const at = new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString();
  return { id: `urn:t:${n}`, source: `s${n}`, published: at, updated: at, title: `Story ${n}`, link: `https://x.example/${n}`, sections: [], bytes, ...fragments({ rss: `<item>${n}</item>\n`, atom: `<entry>${n}</entry>\n`, json: `{"n":${n}}` }) };
};

/** A seeded PRNG (mulberry32): the same streams every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The window the one-invocation rebuild keeps (feed-rebuild.ts): each entry appended, oldest first, its archive head from `ArchiveAppend`. */
function appended(itemLimit: number, entries: WindowEntry[]): FeedWindow {
  const archive = new ArchiveAppend<WindowEntry>(itemLimit);
  let window = emptyWindow('');
  for (const entry of entries) {
    window = planWithoutReads(planWindow(keptWindowRules(itemLimit), window, [{ kind: 'upsert', entry }])).window;
    archive.add(entry);
  }
  return { ...window, archive: archive.finish().head };
}

/** The same feed as the distributed rebuild's cut step follows it (sizes only) and its finish rebuilds it from the items the cut kept. */
function fromCut(itemLimit: number, entries: WindowEntry[]): FeedWindow {
  const cutter = resumeSizedCutter<WindowEntry>(itemLimit, { filling: [], fillingBytes: 0, closedCount: 0 }, (item) => item.bytes!);
  const newest = new NewestItems<WindowEntry>(newestKept(itemLimit));
  let waiting: WindowEntry[] | undefined;
  for (const entry of entries) {
    for (const closed of cutter.add(entry).closed) waiting = closed;
    newest.add(entry);
  }
  const head = newest.head(cutter.closedCount, cutter.filling.length, waiting?.length ?? 0, (item) => [item.source, 'md5']);
  const bySource = new Map(entries.map((item) => [item.source, item]));
  return windowOfCut(itemLimit, '', head, head.newest.map(([source]) => bySource.get(source)!));
}

describe('windowOfCut', () => {
  it('gives the window and archive head of appending every item, from the newest only', () => {
    const next = random(24);
    for (let round = 0; round < 200; round++) {
      const itemLimit = 1 + Math.floor(next() * 4);
      // Sizes from tiny to past half the page budget, so pages close by count and by bytes.
      const entries = Array.from({ length: Math.floor(next() * 30) }, (_, n) => entry(n, next() < 0.2 ? Math.floor(PAGE_ITEM_BUDGET * (0.3 + next() * 0.5)) : 100 + Math.floor(next() * 1000)));
      expect(fromCut(itemLimit, entries), `round ${round}: ${entries.length} items, limit ${itemLimit}`).toEqual(appended(itemLimit, entries));
    }
  });

  it('refuses a head whose items were not all given', () => {
    const head = { closed: 0, newest: [['s1', 'm'], ['s0', 'm']] as Array<[string, string]>, truncated: false, open: 2, last: 0 };
    expect(() => windowOfCut(3, '', head, [entry(1, 10)])).toThrow(/2 newest items/);
  });
});

describe('HeadsMerge', () => {
  const part = (over: Partial<PartitionHeads>): PartitionHeads => ({ published: 0, held: [], reports: [], syndication: { partners: [], sitemap: [] }, stateWritten: 0, filesChanged: 0, ...over });

  it('sums counts and gives the held and refused stories in listing order, kept lines in story order', () => {
    const merge = new HeadsMerge((file) => (file === 'b.json' ? 'b kept' : undefined));
    merge.add(part({ published: 2, stateWritten: 3, filesChanged: 1, held: [[7, 'h7.json', '2030-01-01T00:00:00Z'], [2, 'h2.json', '2030-01-02T00:00:00Z']], reports: [{ kept: 'a kept' }, { refused: { index: 9, file: 'b.json', problems: [] } }] }));
    merge.add(part({ published: 1, stateWritten: 1, filesChanged: 4, held: [[1, 'h1.json', '2030-01-03T00:00:00Z']], reports: [{ refused: { index: 3, file: 'c.json', problems: [] } }, { kept: 'd kept' }] }));
    expect([merge.published, merge.stateWritten, merge.filesChanged]).toEqual([3, 4, 5]);
    expect(merge.held()).toEqual([
      ['h1.json', '2030-01-03T00:00:00Z'],
      ['h2.json', '2030-01-02T00:00:00Z'],
      ['h7.json', '2030-01-01T00:00:00Z'],
    ]);
    expect(merge.refused().map(({ file }) => file)).toEqual(['c.json', 'b.json']);
    expect(merge.keptLines).toEqual(['a kept', 'b kept', 'd kept']);
  });
});
