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
 * - `planArchiveChange`: one story's change anywhere in the archive (a publish: a new, late,
 *   corrected or removed story), step-wise: it yields the closed pages it needs and is resumed
 *   with their items, so it stays pure whatever the size of the archive.
 * The pages are a function of the set of stories: any arrival order through `planArchiveChange`
 * gives the pages `ArchiveAppend` cuts from the same stories sorted (`archive-plan.test.ts`).
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

/** What a change does to a feed's archive pages: pages to write, to re-link, to delete, and the new head. */
export interface ArchiveChangePlan {
  head: ArchiveHead;
  /** The page the story is on now (`closed + 1` while its page fills); undefined when removed. */
  page?: number;
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

/**
 * What the planner needs from its caller before it goes on: the items of closed page `n` (resume
 * with them, newest first as stored; `ahead` is the page it will most likely ask for next, worth
 * reading meanwhile), or to write pages already cut for good (resume with nothing), so a long
 * recut need not hold them all. It may ask for a page more than once: a driver caches its reads
 * until it writes the page.
 */
export type ArchiveStep = { kind: 'read'; n: number; ahead: number | undefined } | { kind: 'write'; pages: ArchivePageWrite<WindowEntry>[] };

/**
 * One story's change to a feed's archive: the pages to write, re-link and delete, and the next
 * head, cut exactly as `ArchiveAppend` cuts the whole feed: a late story lands on the page its own
 * dates put it on, and a removal closes the gap, so the pages are a function of the set of
 * stories, never of their arrival order (docs/pipeline.md, "Archive pages").
 *
 * The recut starts at the page the story's earlier version is on (or the filling page), moved
 * down while its new version is older than an item on the pages before (those hold items newer
 * than it, so it sits among them); the pages before stay as they are. From there the stored pages
 * are cut again oldest first until they fall on their old boundaries with the change inside them:
 * every later page is then the same and the recut stops (a correction costs its own page).
 * Otherwise the cut runs on through the filling page: a story arriving late renumbers the items of
 * every newer page by one, which is what "where its dates put it" costs — one read and one write
 * per newer page, paid only by late stories and removals.
 */
export function* planArchiveChange(
  site: SiteConfig,
  head: ArchiveHead,
  change: WindowChange,
  previous: ArchivePlacement,
): Generator<ArchiveStep, ArchiveChangePlan, readonly WindowEntry[] | undefined> {
  const read = function* (n: number, ahead?: number): Generator<ArchiveStep, readonly WindowEntry[], readonly WindowEntry[] | undefined> {
    return (yield { kind: 'read', n, ahead }) ?? [];
  };
  const source = change.kind === 'remove' ? change.source : change.entry.source;
  const inOpen = head.open.some((entry) => entry.source === source || (change.kind === 'upsert' && entry.id === change.entry.id));
  const oldPage = inOpen ? undefined : yield* findOnPage(head, source, previous, read);
  let from = oldPage ?? head.closed + 1;
  if (change.kind === 'upsert') while (!(yield* startsBefore(head, change.entry, from, read))) from -= 1;

  const cutter = createPageCutter<WindowEntry>(site.itemLimit, from - 1);
  /** The change's new version until it is cut in, before the first item older than it. */
  let pending = change.kind === 'upsert' ? change.entry : undefined;
  let page: number | undefined;
  /** Pages cut so far, items newest first. */
  const produced: Array<{ n: number; entries: WindowEntry[] }> = [];
  /** Sources cut so far: pages read while another publisher was cutting them may repeat an item of `open`. */
  const seen = new Set<string>();
  /** The next closed page to cut again. */
  let next = from;
  const add = (entry: WindowEntry) => {
    seen.add(entry.source);
    const before = cutter.closedCount;
    const cut = cutter.add(entry);
    if (change.kind === 'upsert' && entry === change.entry) page = cut.page;
    cut.closed.forEach((items, i) => produced.push({ n: before + i + 1, entries: [...items].reverse() }));
  };
  // Items oldest first: the story's earlier versions (its source, or another file's copy of its uri) left out, its new version put in order.
  const take = (oldestFirst: readonly WindowEntry[]) => {
    for (const entry of oldestFirst) {
      if ((change.kind === 'remove' ? entry.source === change.source : entry.source === change.entry.source || entry.id === change.entry.id) || seen.has(entry.source)) continue;
      if (pending && compareNewestFirst(pending, entry) > 0) {
        add(pending);
        pending = undefined;
      }
      add(entry);
    }
  };
  /** True when the pages cut again fell on their old boundaries with the change inside them: the rest stays. */
  const settled = () => next > from && pending === undefined && (oldPage === undefined || next > oldPage) && cutter.filling.length === 0 && cutter.closedCount === next - 1;

  while (next <= head.closed && !settled()) {
    // Not settled after its first page, the cut runs on to the newest: the next page is worth
    // reading while this one is cut (a correction settles on its own page and reads no other).
    take([...(yield* read(next, next > from && next < head.closed ? next + 1 : undefined))].reverse());
    next += 1;
    // Pages cut for good are handed over, so a long recut need not hold them all: those before the
    // newest page cut so far (a newer page follows, so they link `next-archive`) and before the
    // old newest page (so the page they link exists already).
    const latest = produced.at(-1)?.n ?? 0;
    const done = produced.filter((cut) => cut.n < latest && cut.n < head.closed);
    produced.splice(0, done.length);
    if (done.length > 0) yield { kind: 'write', pages: done.map(({ n, entries }) => ({ n, entries, hasNewer: true })) };
  }

  let closed = head.closed;
  let open = head.open;
  if (!settled()) {
    take([...head.open].reverse());
    if (pending) add(pending);
    closed = cutter.closedCount;
    open = [...cutter.filling].reverse();
  }
  const write = produced.map(({ n, entries }) => ({ n, entries, hasNewer: n < closed }));
  const remove: number[] = [];
  for (let n = closed + 1; n <= head.closed; n++) remove.push(n);
  let relink: ArchiveChangePlan['relink'];
  if (closed !== head.closed) {
    const n = Math.min(closed, head.closed);
    if (n > 0 && !write.some((cut) => cut.n === n)) relink = { n, hasNewer: n < closed };
  }
  // `last` is page `closed`'s items: cut now, the same as before, or (re-linked) read back.
  let last: ArchiveHead['last'] = write.find((cut) => cut.n === closed)?.entries ?? (closed === head.closed ? head.last : []);
  if (relink?.n === closed) last = [...(yield* read(closed))];
  return { head: { closed, open, last }, ...(page !== undefined && { page }), write, ...(relink && { relink }), remove };
}

/** Asks the driver for closed page `n`'s items (none: the page has no state). */
type PageReader = (n: number, ahead?: number) => Generator<ArchiveStep, readonly WindowEntry[], readonly WindowEntry[] | undefined>;

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
