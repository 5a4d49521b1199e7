import { createPageCutter, resumeCutter, type CutterState, type PageCutter } from './archive-cut.js';
import { compareNewestFirst, type Dated } from '../../newest-first.js';
import type { RenderedItem } from '../../rendered-item.js';
import type { SiteConfig } from '../../site.js';
import type { ArchiveHead, WindowChange, WindowEntry } from '../../incremental/feed-window.js';

/*
 * The one planner of a feed set's RFC 5005 archive pages (`<folder>/archive/<n>/…`, n = 1 the oldest)
 * for the CLI build, the Lambda's publish and its rebuild. It decides which pages are written (with
 * which items and `next-archive` link), which are deleted, and the archive's next state; its
 * callers only read and write (memory for the CLI, S3 for the Lambda). Pages are cut by
 * `archive-cut.ts`. Two entry points over one state (`ArchiveHead`: pages closed, the page
 * filling, the newest closed page's items):
 * - `ArchiveAppend`: items arriving oldest first, each newer than all before (a full build, a
 *   rebuild);
 * - `planArchive`: a set of changes anywhere in the archive (a publish's batch: new, late,
 *   corrected or removed stories), step-wise: it yields the closed pages it needs and is resumed
 *   with their items, so it stays pure whatever the size of the archive.
 * The pages are a function of the set of stories: any arrival order through `planArchive`, in sets
 * of any size and any order within a set, gives the pages `ArchiveAppend` cuts from the same
 * stories sorted (`archive-plan.test.ts`).
 */

/** A page to write: its items newest first; `hasNewer` when page n + 1 exists (its `next-archive` link). */
export interface ArchivePageWrite<T> {
  n: number;
  entries: T[];
  hasNewer: boolean;
}

/** Where an oldest-first archive stands between items: the cut, and the newest closed page (oldest first) not yet written. */
export interface AppendState<T> extends CutterState<T> {
  waiting: T[] | undefined;
}

/**
 * An archive whose items arrive oldest first. A closed page is written once the next one closes
 * (it then knows its `next-archive` link) or at the end, so it holds one page waiting and the page
 * filling, whatever the size of the archive.
 */
export class ArchiveAppend<T extends RenderedItem> {
  private readonly cutter: PageCutter<T>;
  private waiting: T[] | undefined;

  /** `saved`: continue from a `state()` (the CLI's checkpoints); none: an empty archive. */
  constructor(itemLimit: number, saved?: AppendState<T>) {
    this.cutter = saved ? resumeCutter(itemLimit, saved) : createPageCutter(itemLimit);
    this.waiting = saved?.waiting;
  }

  /** Adds the next item (newer than every one before): the page it is on, and the pages now final. */
  add(item: T): { page: number; write: ArchivePageWrite<T>[] } {
    const before = this.cutter.closedCount;
    const { page, closed } = this.cutter.add(item);
    const write: ArchivePageWrite<T>[] = [];
    closed.forEach((items, i) => {
      if (this.waiting) write.push({ n: before + i, entries: [...this.waiting].reverse(), hasNewer: true });
      this.waiting = items;
    });
    return { page, write };
  }

  /** The newest closed page (no `next-archive`), and the archive's state as a publish continues it. */
  finish(): { write: ArchivePageWrite<T>[]; head: { closed: number; open: T[]; last: T[] } } {
    const closed = this.cutter.closedCount;
    const last = this.waiting ? [...this.waiting].reverse() : [];
    const write = this.waiting ? [{ n: closed, entries: last, hasNewer: false }] : [];
    return { write, head: { closed, open: [...this.cutter.filling].reverse(), last } };
  }

  /** The state between items, to continue with `new ArchiveAppend(itemLimit, saved)`. */
  state(): AppendState<T> {
    return { ...this.cutter.state(), waiting: this.waiting && [...this.waiting] };
  }
}

/** An archive with no pages. */
export function emptyHead(): ArchiveHead {
  return { closed: 0, open: [], last: [] };
}

/** Where `key` falls against a closed page's items (newest first): -1 older than all, 1 newer than all, 0 among them. */
export function sideOfPage(entries: readonly Dated[], key: Dated): -1 | 0 | 1 {
  if (entries.length === 0 || compareNewestFirst(key, entries[0]!) < 0) return 1;
  return compareNewestFirst(key, entries[entries.length - 1]!) > 0 ? -1 : 0;
}

/** What a set of changes does to a feed's archive pages: pages to write, to re-link, to delete, and the new head. */
export interface ArchivePlan {
  head: ArchiveHead;
  /** Source → the page its story is on now (`closed + 1` while its page fills), for each story of the set still in the feed. */
  pages: Map<string, number>;
  /** Pages cut again: their items changed (or moved), each with its `next-archive` link. */
  write: ArchivePageWrite<WindowEntry>[];
  /**
   * A page whose items stay but whose `next-archive` link changes: the newest closed page before a
   * page closes after it, or the page that is newest again after later ones are gone. Its items are
   * in its own state (read back for the head's `last` when `n` is the new `closed`).
   */
  relink?: { n: number; hasNewer: boolean };
  /** Pages that no longer exist (deletions took the archive back): remove their files and state. */
  remove: number[];
}

/** Where the story's last published version sits: its record's page in this feed, and the key it was placed by. */
export interface ArchivePlacement {
  page: number | undefined;
  key: Dated | undefined;
}

/** One story's change to a feed, and where its last published version sits in the feed's archive. */
export interface PlacedChange {
  change: WindowChange;
  previous: ArchivePlacement;
}

/**
 * What the planner needs from its caller before it goes on: the items of closed page `n` (resume
 * with them, newest first as stored; `ahead` is the page it will most likely ask for next, worth
 * reading meanwhile), or to write pages already cut for good (resume with nothing), so a long
 * recut need not hold them all. It may ask for a page more than once: a driver caches its reads
 * until it writes the page.
 */
export type ArchiveStep = { kind: 'read'; n: number; ahead: number | undefined } | { kind: 'write'; pages: ArchivePageWrite<WindowEntry>[] };

/** One change of the set, where its recut starts and what it still needs. */
interface Span {
  source: string;
  /** Its new version (none: removed), until it is cut in. */
  pending: WindowEntry | undefined;
  /** The first page whose cut it can change. */
  start: number;
  /** The page holding its earlier version (`closed + 1`: the filling page); the cut must pass it. */
  until: number | undefined;
}

/**
 * A set of story changes to a feed's archive (at most one per source and per uri: a batch's
 * stories): the pages to write, re-link and delete, and the next head, cut exactly as
 * `ArchiveAppend` cuts the whole feed: a late story lands on the page its own dates put it on, and
 * a removal closes the gap, so the pages are a function of the set of stories, never of their
 * arrival order nor of the order of the changes within the set (docs/pipeline.md, "Archive
 * pages"). Each page is written at most once, however many changes of the set touch it.
 *
 * A change's recut starts at the page its story's earlier version is on (or the filling page),
 * moved down while its new version is older than an item on the pages before (those hold items
 * newer than it, so it sits among them); the pages before the first start stay as they are. From
 * there the stored pages are cut again oldest first until they fall on their old boundaries with
 * every change begun so far inside them: the pages after are then the same up to the next change's
 * start, where the cut resumes (a correction costs its own page). Otherwise the cut runs on through
 * the filling page: a story arriving late renumbers the items of every newer page by one, which is
 * what "where its dates put it" costs — one read and one write per newer page, paid only by late
 * stories and removals.
 */
export function* planArchive(site: SiteConfig, head: ArchiveHead, changes: Iterable<PlacedChange>): Generator<ArchiveStep, ArchivePlan, readonly WindowEntry[] | undefined> {
  const read = function* (n: number, ahead?: number): Generator<ArchiveStep, readonly WindowEntry[], readonly WindowEntry[] | undefined> {
    return (yield { kind: 'read', n, ahead }) ?? [];
  };
  const set = [...changes];
  const sources = new Set<string>();
  const ids = new Set<string>();
  for (const { change } of set) {
    const source = change.kind === 'remove' ? change.source : change.entry.source;
    if (sources.has(source) || (change.kind === 'upsert' && ids.has(change.entry.id))) throw new Error(`archive changes: more than one change of ${source}`);
    sources.add(source);
    if (change.kind === 'upsert') ids.add(change.entry.id);
  }
  // Each change's span against the pages as stored, before any change of the set is cut in.
  const spans: Span[] = [];
  for (const { change, previous } of set) spans.push(yield* spanOf(head, change, previous, read));
  // New versions oldest first: the cut takes them in that order, whatever the set's.
  const pending = spans.flatMap((span) => span.pending ?? []).sort(compareNewestFirst).reverse();
  const isPending = new Set(pending);

  let cutter = createPageCutter<WindowEntry>(site.itemLimit);
  const pages = new Map<string, number>();
  /** Pages cut so far, items newest first. */
  const produced: Array<{ n: number; entries: WindowEntry[] }> = [];
  /** Sources cut so far: pages read while another publisher was cutting them may repeat an item of `open`. */
  const seen = new Set<string>();
  const add = (entry: WindowEntry) => {
    seen.add(entry.source);
    const before = cutter.closedCount;
    const cut = cutter.add(entry);
    if (isPending.has(entry)) pages.set(entry.source, cut.page);
    cut.closed.forEach((items, i) => produced.push({ n: before + i + 1, entries: [...items].reverse() }));
  };
  // Items oldest first: the stories' earlier versions (their source, or another file's copy of an uri) left out, their new versions put in order.
  const take = (oldestFirst: readonly WindowEntry[]) => {
    for (const entry of oldestFirst) {
      if (sources.has(entry.source) || ids.has(entry.id) || seen.has(entry.source)) continue;
      while (pending.length > 0 && compareNewestFirst(pending[0]!, entry) > 0) add(pending.shift()!);
      add(entry);
    }
  };
  /** True when the change is cut in and the cut has passed its earlier version, before page `next`. */
  const done = (span: Span, next: number) => (span.pending === undefined || pages.has(span.source)) && (span.until === undefined || next > span.until);
  /**
   * True when the pages cut again, from `from` to before `next`, fell on their old boundaries: the
   * pages from `next` on are as stored up to the first start of a change not yet done. A change
   * begun but not done (its new version is newer, or its earlier version further on) starts there
   * at `next`, so the cut goes on.
   */
  const settled = (from: number, next: number) => next > from && cutter.filling.length === 0 && cutter.closedCount === next - 1;

  let closed = head.closed;
  let open = head.open;
  /** Where the running cut started; undefined between cuts. */
  let from: number | undefined;
  let next = 1;
  for (;;) {
    if (from === undefined) {
      const starts = spans.filter((span) => !done(span, next)).map((span) => span.start);
      if (starts.length === 0) break;
      next = from = Math.max(next, Math.min(...starts));
      cutter = createPageCutter<WindowEntry>(site.itemLimit, from - 1);
    }
    if (next > head.closed) {
      // Through the filling page: the newest versions go after its items.
      take([...head.open].reverse());
      pending.splice(0).forEach(add);
      closed = cutter.closedCount;
      open = [...cutter.filling].reverse();
      break;
    }
    // Not settled after its first page, the cut runs on to the newest: the next page is worth
    // reading while this one is cut (a correction settles on its own page and reads no other).
    take([...(yield* read(next, next > from && next < head.closed ? next + 1 : undefined))].reverse());
    next += 1;
    // Pages cut for good are handed over, so a long recut need not hold them all: those before the
    // newest page cut so far (a newer page follows, so they link `next-archive`) and before the
    // old newest page (so the page they link exists already).
    const latest = produced.at(-1)?.n ?? 0;
    const cutForGood = produced.filter((cut) => cut.n < latest && cut.n < head.closed);
    produced.splice(0, cutForGood.length);
    if (cutForGood.length > 0) yield { kind: 'write', pages: cutForGood.map(({ n, entries }) => ({ n, entries, hasNewer: true })) };
    if (settled(from, next)) from = undefined;
  }

  const write = produced.map(({ n, entries }) => ({ n, entries, hasNewer: n < closed }));
  const remove: number[] = [];
  for (let n = closed + 1; n <= head.closed; n++) remove.push(n);
  let relink: ArchivePlan['relink'];
  if (closed !== head.closed) {
    const n = Math.min(closed, head.closed);
    if (n > 0 && !write.some((cut) => cut.n === n)) relink = { n, hasNewer: n < closed };
  }
  // `last` is page `closed`'s items: cut now, the same as before, or (re-linked) read back.
  let last: ArchiveHead['last'] = write.find((cut) => cut.n === closed)?.entries ?? (closed === head.closed ? head.last : []);
  if (relink?.n === closed) last = [...(yield* read(closed))];
  return { head: { closed, open, last }, pages, write, ...(relink && { relink }), remove };
}

/** Asks the driver for closed page `n`'s items (none: the page has no state). */
type PageReader = (n: number, ahead?: number) => Generator<ArchiveStep, readonly WindowEntry[], readonly WindowEntry[] | undefined>;

/** Where one change's recut starts, and the page of its story's earlier version it must pass. */
function* spanOf(head: ArchiveHead, change: WindowChange, previous: ArchivePlacement, read: PageReader): Generator<ArchiveStep, Span, readonly WindowEntry[] | undefined> {
  const source = change.kind === 'remove' ? change.source : change.entry.source;
  const inOpen = head.open.some((entry) => entry.source === source || (change.kind === 'upsert' && entry.id === change.entry.id));
  const oldPage = inOpen ? undefined : yield* findOnPage(head, source, previous, read);
  let start = oldPage ?? head.closed + 1;
  if (change.kind === 'upsert') while (!(yield* startsBefore(head, change.entry, start, read))) start -= 1;
  // A story not found has no earlier version to pass, unless it is in `open` (or may be: a removal not found cuts `open` again).
  const until = oldPage ?? (inOpen || change.kind === 'remove' ? head.closed + 1 : undefined);
  return { source, pending: change.kind === 'upsert' ? change.entry : undefined, start, until };
}

/** True when every item on the pages before page `n` is older than `entry`: a recut may start at `n`. */
function* startsBefore(head: ArchiveHead, entry: WindowEntry, n: number, read: PageReader): Generator<ArchiveStep, boolean, readonly WindowEntry[] | undefined> {
  if (n <= 1) return true;
  if (n <= head.closed) {
    // Not older than page n's oldest item: newer than every page before it, without reading one.
    const own = yield* read(n);
    const oldest = own[own.length - 1];
    if (oldest && compareNewestFirst(entry, oldest) <= 0) return true;
  }
  const before = n - 1 === head.closed ? head.last[0] : (yield* read(n - 1))[0];
  return !before || compareNewestFirst(entry, before) < 0;
}

/**
 * The closed page holding the story's earlier version: the page its record names, or (the pages
 * were cut again since, by a late story or a removal) the page its first publication leads to.
 */
function* findOnPage(head: ArchiveHead, source: string, previous: ArchivePlacement, read: PageReader): Generator<ArchiveStep, number | undefined, readonly WindowEntry[] | undefined> {
  const { page, key } = previous;
  if (page === undefined || head.closed === 0) return undefined;
  const tried = new Set<number>();
  for (let n = Math.min(page, head.closed); n >= 1 && n <= head.closed && !tried.has(n); ) {
    tried.add(n);
    const entries = yield* read(n);
    if (entries.some((entry) => entry.source === source)) return n;
    const side = key ? sideOfPage(entries, key) : 0;
    if (side === 0) return undefined;
    n += side;
  }
  return undefined;
}
