import { describe, expect, it } from 'vitest';
import { createFeedSetSink } from './feed-set-sink.js';
import type { SiteFile } from '../../site-file.js';
import { compareNewestFirst } from '../../newest-first.js';
import { ArchiveAppend, emptyHead, planArchive, sideOfPage } from './archive-plan.js';
import { archivePageFiles } from './feed-set-files.js';
import type { ArchiveHead, WindowChange, WindowEntry } from '../../incremental/feed-window.js';
import { shuffled } from '../../../../test/support/shuffled.js';

const SITE = { title: 'T', description: 'D', baseUrl: 'https://x.example', itemLimit: 3, hubs: [] };

const entry = (n: number, title = `Story ${n}`): WindowEntry => {
  const at = new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString();
  return { id: `urn:t:${n}`, source: `s${n}`, published: at, updated: at, title, link: `https://x.example/${n}`, sections: [], rss: `<item><guid>urn:t:${n}</guid><title>${title}</title></item>\n`, atom: `<entry><id>urn:t:${n}</id></entry>\n`, json: `{"id":"urn:t:${n}"}` };
};
const ids = (entries: readonly { id: string }[]) => entries.map((e) => e.id.slice('urn:t:'.length)).join(',');

/** A feed's archive as the Lambda keeps it: the head, each closed page's items (newest first), and each story's record (its page). */
interface Archive {
  head: ArchiveHead;
  pages: Map<number, WindowEntry[]>;
  records: Map<string, { page: number; entry: WindowEntry }>;
}

const emptyArchive = (): Archive => ({ head: emptyHead(), pages: new Map(), records: new Map() });

/**
 * Applies a set of changes as the publisher's driver does (`use-cases/publish/archive-update.ts`),
 * against pages held in memory: answers the planner's reads, writes what it hands over, then its
 * result. Returns the pages it read and wrote, and the page each story is on.
 */
function applySet(archive: Archive, changes: WindowChange[]): { read: number[]; written: number[]; pages: Map<string, number> } {
  const sourceOf = (change: WindowChange) => (change.kind === 'upsert' ? change.entry.source : change.source);
  const placed = changes.map((change) => {
    const record = archive.records.get(sourceOf(change));
    return { change, previous: { page: record?.page, key: record?.entry } };
  });
  const plan = planArchive(SITE, archive.head, placed);
  const read: number[] = [];
  const written: number[] = [];
  const store = (page: { n: number; entries: WindowEntry[] }) => {
    archive.pages.set(page.n, page.entries);
    written.push(page.n);
  };
  let step = plan.next();
  while (!step.done) {
    if (step.value.kind === 'read') {
      read.push(step.value.n);
      step = plan.next(archive.pages.get(step.value.n));
    } else {
      step.value.pages.forEach(store);
      step = plan.next();
    }
  }
  const result = step.value;
  result.write.forEach(store);
  for (const n of result.remove) archive.pages.delete(n);
  archive.head = result.head;
  for (const change of changes) {
    if (change.kind === 'remove') archive.records.delete(change.source);
    else archive.records.set(change.entry.source, { page: result.pages.get(change.entry.source)!, entry: change.entry });
  }
  return { read, written, pages: result.pages };
}

/** Applies one change (a set of one). */
function apply(archive: Archive, change: WindowChange): { read: number[]; written: number[]; page?: number } {
  const { read, written, pages } = applySet(archive, [change]);
  const page = pages.get(change.kind === 'upsert' ? change.entry.source : change.source);
  return { read, written, ...(page !== undefined && { page }) };
}

/** Publishes `stories` one by one in this order. */
function publishAll(stories: WindowEntry[]): Archive {
  const archive = emptyArchive();
  for (const story of stories) apply(archive, { kind: 'upsert', entry: story });
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
  return [...archive.pages].sort(([a], [b]) => a - b).flatMap(([n, entries]) => archivePageFiles(SITE, '', SITE, n, entries, n < closed));
}


describe('planArchive: a publish plans archive pages as the full build does, whatever the arrival order', () => {
  it('in order: pages close as they fill, each new story reads no closed page', () => {
    // Given / When: 8 stories, oldest first, pages of 3
    const archive = emptyArchive();
    const reads = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((n) => apply(archive, { kind: 'upsert', entry: entry(n) }).read);
    // Then
    expect(reads).toEqual([]);
    expect([...archive.pages.values()].map(ids)).toEqual(['3,2,1', '6,5,4']);
    expect(ids(archive.head.open)).toBe('8,7');
    expect(rendered(archive)).toEqual(cliArchive([1, 2, 3, 4, 5, 6, 7, 8].map((n) => entry(n))));
  });

  it('a late story lands on the page its dates put it on, and every newer page moves up by one item', () => {
    // Given: 1..8 published, then story 0, older than all, arrives
    const archive = publishAll([1, 2, 3, 4, 5, 6, 7, 8].map((n) => entry(n)));
    // When
    const { written, page } = apply(archive, { kind: 'upsert', entry: entry(0) });
    // Then: the CLI's pages for 0..8
    expect(page).toBe(1);
    expect(written).toEqual([1, 2, 3]);
    expect([...archive.pages.values()].map(ids)).toEqual(['2,1,0', '5,4,3', '8,7,6']);
    expect(archive.head).toMatchObject({ closed: 3, open: [] });
    expect(ids(archive.head.last)).toBe('8,7,6');
    expect(rendered(archive)).toEqual(cliArchive([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => entry(n))));
  });

  it('hands over the pages cut for good while a long recut runs, never the newest', () => {
    // Given: 1..15 published (five closed pages)
    const archive = publishAll(Array.from({ length: 15 }, (_, i) => entry(i + 1)));
    const plan = planArchive(SITE, archive.head, [{ change: { kind: 'upsert', entry: entry(0) }, previous: { page: undefined, key: undefined } }]);
    // When: the planner is answered page by page
    const handed: number[][] = [];
    let step = plan.next();
    while (!step.done) {
      if (step.value.kind === 'write') handed.push(step.value.pages.map((page) => page.n));
      step = step.value.kind === 'read' ? plan.next(archive.pages.get(step.value.n)) : plan.next();
    }
    // Then: each page is handed over once a newer one is cut; the newest comes with the result
    expect(handed).toEqual([[1], [2], [3], [4]]);
    expect(step.value.write.map((page) => [page.n, page.hasNewer])).toEqual([[5, false]]);
    expect(ids(step.value.head.open)).toBe('15');
  });

  it('gives the pages ArchiveAppend cuts from the sorted stories, for any arrival order, removals and corrections included', () => {
    const stories = Array.from({ length: 20 }, (_, i) => entry(i + 1));
    for (let seed = 1; seed <= 40; seed++) {
      // Given: the stories in a shuffled order, a third of them corrected or removed later, also shuffled
      const archive = publishAll(shuffled(stories, seed));
      const later = shuffled(stories, seed * 7919).slice(0, 7);
      const removed = new Set(later.slice(0, 4).map((story) => story.source));
      for (const story of later) apply(archive, removed.has(story.source) ? { kind: 'remove', source: story.source } : { kind: 'upsert', entry: entry(Number(story.id.slice(6)), 'Corrected') });
      // When: the same final set of stories is appended oldest first
      const final = stories.filter((story) => !removed.has(story.source)).map((story) => (later.includes(story) ? entry(Number(story.id.slice(6)), 'Corrected') : story));
      // Then
      expect(rendered(archive), `seed ${seed}`).toEqual(cliArchive(final));
      const append = new ArchiveAppend<WindowEntry>(SITE.itemLimit);
      for (const story of final) append.add(story);
      const { head } = append.finish();
      expect([archive.head.closed, ids(archive.head.open), ids(archive.head.last)], `seed ${seed}`).toEqual([head.closed, ids(head.open), ids(head.last)]);
    }
  });

  it('takes a set of 1–4 changes (new, late, corrected, removed stories) at once: the pages of the sorted set, each written once, whatever order the set is in', () => {
    const stories = Array.from({ length: 20 }, (_, i) => entry(i + 1));
    const corrected = (story: WindowEntry) => entry(Number(story.id.slice(6)), 'Corrected');
    const sourceOf = (change: WindowChange) => (change.kind === 'upsert' ? change.entry.source : change.source);
    for (let seed = 1; seed <= 60; seed++) {
      // Given: the stories in a shuffled order (late ones among them), then a third of them corrected or removed, also shuffled
      const later = shuffled(stories, seed * 7919).slice(0, 7);
      const removed = new Set(later.slice(0, 4).map((story) => story.source));
      const changes: WindowChange[] = [
        ...shuffled(stories, seed).map((story): WindowChange => ({ kind: 'upsert', entry: story })),
        ...later.map((story): WindowChange => (removed.has(story.source) ? { kind: 'remove', source: story.source } : { kind: 'upsert', entry: corrected(story) })),
      ];
      // …cut into sets of 1 to 4 changes, at most one per story
      const sets: WindowChange[][] = [];
      const sizes = shuffled([1, 2, 3, 4, 1, 2, 3, 4, 2, 3, 4, 4], seed * 31);
      for (let at = 0; at < changes.length; ) {
        const set: WindowChange[] = [];
        const size = sizes[sets.length % sizes.length]!;
        while (at < changes.length && set.length < size && !set.some((change) => sourceOf(change) === sourceOf(changes[at]!))) set.push(changes[at++]!);
        sets.push(set);
      }
      // When: each set is applied at once, in two orders within the set, to two archives
      const [archive, reordered] = [emptyArchive(), emptyArchive()];
      sets.forEach((set, i) => {
        const { written, pages } = applySet(archive, set);
        const again = applySet(reordered, shuffled(set, seed * 101 + i));
        // Then: each page is written once per set, and the order within the set changes nothing
        expect(new Set(written).size, `seed ${seed}, set ${i}: written ${written}`).toBe(written.length);
        expect([[...again.pages].sort(), new Set(again.written), reordered.head], `seed ${seed}, set ${i}`).toEqual([[...pages].sort(), new Set(written), archive.head]);
      });
      // …and the pages are those the CLI cuts from the final set, sorted
      const final = stories.filter((story) => !removed.has(story.source)).map((story) => (later.includes(story) ? corrected(story) : story));
      expect(rendered(archive), `seed ${seed}`).toEqual(cliArchive(final));
      expect(rendered(reordered), `seed ${seed}`).toEqual(cliArchive(final));
      const append = new ArchiveAppend<WindowEntry>(SITE.itemLimit);
      for (const story of final) append.add(story);
      const { head } = append.finish();
      expect([archive.head.closed, ids(archive.head.open), ids(archive.head.last)], `seed ${seed}`).toEqual([head.closed, ids(head.open), ids(head.last)]);
    }
  });

  it('a set of late stories that move every newer page writes each page once, not once per story', () => {
    // Given: stories at even minutes 2..16 published (pages 6,4,2 / 12,10,8; 16,14 filling)
    const archive = publishAll([2, 4, 6, 8, 10, 12, 14, 16].map((n) => entry(n)));
    // When: two late stories (1 and 3) arrive in one set
    const { written, pages } = applySet(archive, [{ kind: 'upsert', entry: entry(3) }, { kind: 'upsert', entry: entry(1) }]);
    // Then: pages 1 to 3 written once each (one story at a time, each twice)
    expect(written.sort()).toEqual([1, 2, 3]);
    expect([pages.get('s1'), pages.get('s3')]).toEqual([1, 1]);
    expect([...archive.pages.values()].map(ids)).toEqual(['3,2,1', '8,6,4', '14,12,10']);
    expect(ids(archive.head.open)).toBe('16');
    const oneByOne = publishAll([2, 4, 6, 8, 10, 12, 14, 16].map((n) => entry(n)));
    expect([3, 1].flatMap((n) => apply(oneByOne, { kind: 'upsert', entry: entry(n) }).written)).toEqual([1, 2, 3, 1, 2, 3]);
    expect(rendered(oneByOne)).toEqual(rendered(archive));
  });

  it('corrections on two distant pages settle on each: the pages between are neither read nor written', () => {
    const archive = publishAll(Array.from({ length: 16 }, (_, i) => entry(i + 1)));
    const { read, written } = applySet(archive, [{ kind: 'upsert', entry: entry(14, 'Corrected') }, { kind: 'upsert', entry: entry(2, 'Corrected') }]);
    expect([...new Set(read)].sort()).toEqual([1, 5]);
    expect(written.sort()).toEqual([1, 5]);
  });

  it('refuses two changes of one story in a set', () => {
    expect(() => applySet(emptyArchive(), [{ kind: 'upsert', entry: entry(1) }, { kind: 'remove', source: 's1' }])).toThrow(/more than one change of s1/);
  });

  it('a correction on a closed page reads and rewrites that page only', () => {
    const archive = publishAll([1, 2, 3, 4, 5, 6, 7].map((n) => entry(n)));
    const { read, written, page } = apply(archive, { kind: 'upsert', entry: entry(2, 'Corrected') });
    expect(new Set(read)).toEqual(new Set([1]));
    expect(written).toEqual([1]);
    expect(page).toBe(1);
    expect(archive.pages.get(1)!.map((e) => e.title)).toEqual(['Story 3', 'Corrected', 'Story 1']);
  });

  it('a removal closes the gap; the newest page, left short with nothing after it, fills again', () => {
    // Given: pages 3,2,1 and 6,5,4, nothing open
    const archive = publishAll([1, 2, 3, 4, 5, 6].map((n) => entry(n)));
    // When: story 2 is removed
    const { written } = apply(archive, { kind: 'remove', source: 's2' });
    // Then: the CLI's pages for the five left
    expect(written).toEqual([1]);
    expect([...archive.pages.values()].map(ids)).toEqual(['4,3,1']);
    expect(ids(archive.head.open)).toBe('6,5');
    expect(rendered(archive)).toEqual(cliArchive([1, 3, 4, 5, 6].map((n) => entry(n))));
  });

  it('counts an item once when a page read mid-change already holds an item of the filling page', () => {
    // Given: a head whose open still lists story 4, and page 1 as another publisher rewrote it (with 4)
    const archive: Archive = { head: { closed: 1, open: [entry(5), entry(4)], last: [entry(3), entry(2), entry(1)] }, pages: new Map([[1, [entry(4), entry(3), entry(2)]]]), records: new Map() };
    // When
    const { written } = apply(archive, { kind: 'upsert', entry: entry(0) });
    // Then: every story once, cut as the CLI cuts 0, 2, 3, 4, 5
    expect(written).toEqual([1]);
    expect(ids(archive.pages.get(1)!)).toBe('3,2,0');
    expect(ids(archive.head.open)).toBe('5,4');
  });

  it('tells which side of a page a key falls on', () => {
    const page = [entry(6), entry(5), entry(4)];
    expect([sideOfPage(page, entry(7)), sideOfPage(page, entry(5)), sideOfPage(page, entry(3))]).toEqual([1, 0, -1]);
  });
});

describe('ArchiveAppend: the archive of items arriving oldest first', () => {
  it('writes a closed page once the next one closes, the newest at the end without next-archive', () => {
    const append = new ArchiveAppend<WindowEntry>(SITE.itemLimit);
    const writes = [1, 2, 3, 4, 5, 6, 7].flatMap((n) => append.add(entry(n)).write.map((page) => [page.n, ids(page.entries), page.hasNewer]));
    expect(writes).toEqual([[1, '3,2,1', true]]);
    const { write, head } = append.finish();
    expect(write.map((page) => [page.n, ids(page.entries), page.hasNewer])).toEqual([[2, '6,5,4', false]]);
    expect([head.closed, ids(head.open), ids(head.last)]).toEqual([2, '7', '6,5,4']);
  });

  it('continues from a saved state as if never stopped', () => {
    const whole = new ArchiveAppend<WindowEntry>(SITE.itemLimit);
    const first = new ArchiveAppend<WindowEntry>(SITE.itemLimit);
    const stories = Array.from({ length: 11 }, (_, i) => entry(i + 1));
    const expected = stories.flatMap((story) => whole.add(story).write);
    const before = stories.slice(0, 5).flatMap((story) => first.add(story).write);
    const resumed = new ArchiveAppend<WindowEntry>(SITE.itemLimit, JSON.parse(JSON.stringify(first.state())));
    const after = stories.slice(5).flatMap((story) => resumed.add(story).write);
    expect([...before, ...after]).toEqual(expected);
    expect(resumed.finish()).toEqual(whole.finish());
  });
});
