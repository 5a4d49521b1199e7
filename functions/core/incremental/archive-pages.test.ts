import { describe, expect, it } from 'vitest';
import { createFeedSetSink } from '../outputs/feed-set-sink.js';
import type { SiteFile } from '../site-file.js';
import { compareNewestFirst } from '../newest-first.js';
import { ArchiveRecut, emptyHead, renderArchivePage, sideOfPage } from './archive-pages.js';
import type { ArchiveHead, WindowChange, WindowEntry } from './feed-window.js';

const SITE = { title: 'T', description: 'D', baseUrl: 'https://x.example', itemLimit: 3, hubs: [] };

const entry = (n: number, title = `Story ${n}`): WindowEntry => {
  const at = new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString();
  return { id: `urn:t:${n}`, source: `s${n}`, published: at, updated: at, title, link: `https://x.example/${n}`, sections: [], rss: `<item><guid>urn:t:${n}</guid><title>${title}</title></item>\n`, atom: `<entry><id>urn:t:${n}</id></entry>\n`, json: `{"id":"urn:t:${n}"}` };
};
const ids = (entries: readonly { id: string }[]) => entries.map((e) => e.id.slice('urn:t:'.length)).join(',');

/** A feed's archive as the Lambda keeps it: the head, and each closed page's items (newest first). */
interface Archive {
  head: ArchiveHead;
  pages: Map<number, WindowEntry[]>;
}

/**
 * Applies one change as the publisher's driver does (`use-cases/publish/archive-update.ts`), against pages held in
 * memory: the recut starts at `from`, is fed stored pages until it settles, and its result is stored.
 * Returns the pages it wrote.
 */
function apply(archive: Archive, change: WindowChange, from: number, oldPage?: number): { written: number[]; page?: number } {
  const recut = new ArchiveRecut(SITE, archive.head, change, from, oldPage);
  const written: number[] = [];
  const store = (page: { n: number; entries: WindowEntry[] }) => {
    archive.pages.set(page.n, page.entries);
    written.push(page.n);
  };
  while (recut.nextPage <= archive.head.closed && !recut.settled) {
    recut.addPage(archive.pages.get(recut.nextPage)!);
    recut.takeFinished().forEach(store);
  }
  const result = recut.finish();
  result.write.forEach(store);
  for (const n of result.remove) archive.pages.delete(n);
  archive.head = result.relink?.n === result.head.closed ? { ...result.head, last: archive.pages.get(result.relink.n)! } : result.head;
  return { written, ...(result.page !== undefined && { page: result.page }) };
}

/** The page a story belongs on by its dates: the lowest page whose items before it are all older (as the driver finds it). */
function pageByDate(archive: Archive, story: WindowEntry): number {
  let n = archive.head.closed + 1;
  while (n > 1 && compareNewestFirst(story, archive.pages.get(n - 1)![0]!) > 0) n -= 1;
  return n;
}

/** Publishes `stories` one by one in this order, each where its dates put it. */
function publishAll(stories: WindowEntry[]): Archive {
  const archive: Archive = { head: emptyHead(), pages: new Map() };
  for (const story of stories) apply(archive, { kind: 'upsert', entry: story }, pageByDate(archive, story));
  return archive;
}

/** The archive pages the CLI's feed-set sink writes for `stories` (any order: it takes them sorted). */
function cliArchive(stories: WindowEntry[]): SiteFile[] {
  const files: SiteFile[] = [];
  const sink = createFeedSetSink({ site: SITE, folder: '', title: SITE.title, description: SITE.description, archives: true });
  for (const rendered of [...stories].sort(compareNewestFirst).reverse()) sink.add({ rendered } as never, (file) => files.push(file));
  sink.finish((file) => files.push(file));
  return files.filter((file) => file.path.startsWith('archive/'));
}

function rendered(archive: Archive): SiteFile[] {
  const { closed } = archive.head;
  return [...archive.pages].sort(([a], [b]) => a - b).flatMap(([n, entries]) => renderArchivePage(SITE, '', SITE, n, entries, n < closed));
}

describe('ArchiveRecut: the Lambda cuts archive pages as the CLI does, whatever the arrival order', () => {
  it('in order: pages close as they fill, each new story costs no closed page but the one it closes', () => {
    // Given / When: 8 stories, oldest first, pages of 3
    const archive = publishAll([1, 2, 3, 4, 5, 6, 7, 8].map((n) => entry(n)));
    // Then
    expect([...archive.pages.values()].map(ids)).toEqual(['3,2,1', '6,5,4']);
    expect(ids(archive.head.open)).toBe('8,7');
    expect(rendered(archive)).toEqual(cliArchive([1, 2, 3, 4, 5, 6, 7, 8].map((n) => entry(n))));
  });

  it('a late story lands on the page its dates put it on, and every newer page moves up by one item', () => {
    // Given: 1..8 published, then story 0, older than all, arrives
    const archive = publishAll([1, 2, 3, 4, 5, 6, 7, 8].map((n) => entry(n)));
    // When
    const { written, page } = apply(archive, { kind: 'upsert', entry: entry(0) }, pageByDate(archive, entry(0)));
    // Then: the CLI's pages for 0..8
    expect(page).toBe(1);
    expect(written).toEqual([1, 2, 3]);
    expect([...archive.pages.values()].map(ids)).toEqual(['2,1,0', '5,4,3', '8,7,6']);
    expect(archive.head).toMatchObject({ closed: 3, open: [] });
    expect(rendered(archive)).toEqual(cliArchive([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => entry(n))));
  });

  it('hands over the pages cut for good while a long recut runs, and ends with the CLI pages', () => {
    // Given: 1..15 published (five closed pages)
    const archive = publishAll(Array.from({ length: 15 }, (_, i) => entry(i + 1)));
    const recut = new ArchiveRecut(SITE, archive.head, { kind: 'upsert', entry: entry(0) }, 1);
    // When: the pages are fed one by one
    const handed: number[][] = [];
    while (recut.nextPage <= archive.head.closed) {
      recut.addPage(archive.pages.get(recut.nextPage)!);
      handed.push(recut.takeFinished().map((page) => page.n));
    }
    // Then: each page is handed over once a newer one is cut, never the newest (its link is not
    // known yet); the rest come with the result, and story 15 moves to the filling page
    expect(handed).toEqual([[], [1], [2], [3], [4]]);
    const result = recut.finish();
    expect(result.write.map((page) => [page.n, page.hasNewer])).toEqual([[5, false]]);
    expect(ids(result.head.open)).toBe('15');
  });

  it('gives the same pages for every arrival order of the same stories', () => {
    const stories = [3, 9, 1, 7, 12, 5, 11, 2, 8, 4, 10, 6].map((n) => entry(n));
    const expected = cliArchive(stories);
    for (const order of [stories, [...stories].reverse(), [...stories].sort(compareNewestFirst)]) expect(rendered(publishAll(order))).toEqual(expected);
  });

  it('a correction on a closed page rewrites that page only', () => {
    const archive = publishAll([1, 2, 3, 4, 5, 6, 7].map((n) => entry(n)));
    const { written, page } = apply(archive, { kind: 'upsert', entry: entry(2, 'Corrected') }, 1, 1);
    expect(written).toEqual([1]);
    expect(page).toBe(1);
    expect(archive.pages.get(1)!.map((e) => e.title)).toEqual(['Story 3', 'Corrected', 'Story 1']);
  });

  it('a removal closes the gap; the newest page, left short with nothing after it, fills again', () => {
    // Given: pages 3,2,1 and 6,5,4, nothing open
    const archive = publishAll([1, 2, 3, 4, 5, 6].map((n) => entry(n)));
    // When: story 2 is removed
    const { written } = apply(archive, { kind: 'remove', source: 's2' }, 1, 1);
    // Then: the CLI's pages for the five left
    expect(written).toEqual([1]);
    expect([...archive.pages.values()].map(ids)).toEqual(['4,3,1']);
    expect(ids(archive.head.open)).toBe('6,5');
    expect(rendered(archive)).toEqual(cliArchive([1, 3, 4, 5, 6].map((n) => entry(n))));
  });

  it('counts an item once when a page read mid-change already holds an item of the filling page', () => {
    // Given: a head whose open still lists story 4, and page 1 as another publisher rewrote it (with 4)
    const head: ArchiveHead = { closed: 1, open: [entry(5), entry(4)], last: [entry(3), entry(2), entry(1)] };
    const recut = new ArchiveRecut(SITE, head, { kind: 'upsert', entry: entry(0) }, 1);
    recut.addPage([entry(4), entry(3), entry(2)]);
    // When
    const result = recut.finish();
    // Then: every story once, cut as the CLI cuts 0, 2, 3, 4, 5
    expect(result.write.map((page) => ids(page.entries))).toEqual(['3,2,0']);
    expect(ids(result.head.open)).toBe('5,4');
  });

  it('tells which side of a page a key falls on', () => {
    const page = [entry(6), entry(5), entry(4)];
    expect([sideOfPage(page, entry(7)), sideOfPage(page, entry(5)), sideOfPage(page, entry(3))]).toEqual([1, 0, -1]);
  });
});
