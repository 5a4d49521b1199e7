import type { SiteFile } from '../site-file.js';
import { archiveFeed, archiveFolder, feedFiles } from '../outputs/feed-set-sink.js';
import { createPageCutter, type PageCutter } from '../outputs/archive-cut.js';
import { compareNewestFirst, type Dated } from '../newest-first.js';
import type { SiteConfig } from '../site.js';
import type { ArchiveHead, EntryFacts, WindowChange, WindowEntry } from './feed-window.js';
import type { FeedFolder } from './layout.js';

/** A closed archive page's state: its items (newest first) and the MD5 of each file last written. */
export interface ArchivePageState {
  entries: WindowEntry[];
  files: Record<string, string>;
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
export interface ArchiveRecutResult {
  head: ArchiveHead;
  /** The page the story is on now (`closed + 1` while its page fills); undefined when removed. */
  page?: number;
  /** Pages cut again: their items changed (or moved), each with its `next-archive` link. */
  write: Array<{ n: number; entries: WindowEntry[]; hasNewer: boolean }>;
  /**
   * A page whose items stay but whose `next-archive` link changes: the newest closed page before a
   * page closes after it, or the page that is newest again after later ones are gone. Its items are
   * in its own state; they also become the head's `last` when `n` is the new `closed`.
   */
  relink?: { n: number; hasNewer: boolean };
  /** Pages that no longer exist (deletions took the archive back): remove their files and state. */
  remove: number[];
}

/**
 * One story's change to a feed's archive, cut exactly as the CLI cuts the whole feed: a late story
 * lands on the page its own dates put it on, and a removal closes the gap, so the pages are a
 * function of the set of stories, never of their arrival order (docs/pipeline.md, "Archive pages").
 *
 * The pages before `from` stay as they are (the change is newer than all their items). From there
 * the driver feeds the stored pages oldest first, while `settled` is false: once the pages fed are
 * cut again on their old boundaries with the change inside them, every later page is the same and
 * the recut stops (a correction costs its own page). Otherwise the cut runs on through `open`:
 * a story arriving late renumbers the items of every newer page by one, which is what "where its
 * dates put it" costs — one read and one write per newer page, paid only by late stories.
 */
export class ArchiveRecut {
  private readonly cutter: PageCutter<WindowEntry>;
  private pending: WindowEntry | undefined;
  private next: number;
  private page: number | undefined;
  private readonly produced: Array<{ n: number; entries: WindowEntry[] }> = [];
  /** Sources fed so far: pages read while another publisher was cutting them may repeat an item of `open`. */
  private readonly seen = new Set<string>();

  /**
   * `from`: the first page the change can touch (`closed + 1` when only `open` is); `oldPage`: the
   * closed page the story's earlier version is on, if any, which the recut must reach.
   */
  constructor(
    private readonly site: SiteConfig,
    private readonly head: ArchiveHead,
    private readonly change: WindowChange,
    readonly from: number,
    private readonly oldPage?: number,
  ) {
    this.cutter = createPageCutter(site.itemLimit, from - 1);
    this.next = from;
    this.pending = change.kind === 'upsert' ? change.entry : undefined;
  }

  /** The closed page to feed next (`from`, `from + 1`, …). */
  get nextPage(): number {
    return this.next;
  }

  /** Feeds the stored items of page `nextPage` (newest first, as stored). */
  addPage(entries: readonly WindowEntry[]): void {
    this.take([...entries].reverse());
    this.next += 1;
  }

  /** True when the pages fed were cut on their old boundaries with the change inside them: the rest stays. */
  get settled(): boolean {
    return this.next > this.from && this.pending === undefined && (this.oldPage === undefined || this.next > this.oldPage) && this.cutter.filling.length === 0 && this.cutter.closedCount === this.next - 1;
  }

  /**
   * Pages already cut for good, handed over (and forgotten) so a long recut need not hold them
   * all: those before the newest page cut so far (a newer page follows, so they link
   * `next-archive`) and before the old newest page (so the page they link exists already).
   */
  takeFinished(): Array<{ n: number; entries: WindowEntry[]; hasNewer: true }> {
    const latest = this.produced.at(-1)?.n ?? 0;
    const done = this.produced.filter((page) => page.n < latest && page.n < this.head.closed);
    this.produced.splice(0, done.length);
    return done.map(({ n, entries }) => ({ n, entries, hasNewer: true }));
  }

  /** The pages to write, re-link and delete, and the head after the change (less pages `takeFinished` handed over). */
  finish(): ArchiveRecutResult {
    const { head } = this;
    let closed = head.closed;
    let open = head.open;
    if (!this.settled) {
      this.take([...head.open].reverse());
      if (this.pending) this.add(this.pending);
      closed = this.cutter.closedCount;
      open = [...this.cutter.filling].reverse();
    }
    const write = this.produced.map(({ n, entries }) => ({ n, entries, hasNewer: n < closed }));
    const newest = write.find((page) => page.n === closed);
    const remove: number[] = [];
    for (let n = closed + 1; n <= head.closed; n++) remove.push(n);
    let relink: ArchiveRecutResult['relink'];
    if (closed !== head.closed) {
      const n = Math.min(closed, head.closed);
      if (n > 0 && !write.some((page) => page.n === n)) relink = { n, hasNewer: n < closed };
    }
    // `last` is page `closed`'s items: cut now, the same as before, or (relinked) read by the driver.
    const last = newest ? newest.entries : closed === head.closed ? head.last : [];
    return { head: { closed, open, last }, ...(this.page !== undefined && { page: this.page }), write, ...(relink && { relink }), remove };
  }

  /** Feeds items oldest first: the story's earlier versions left out, its new version put in order. */
  private take(oldestFirst: readonly WindowEntry[]): void {
    for (const entry of oldestFirst) {
      if (this.replaces(entry) || this.seen.has(entry.source)) continue;
      if (this.pending && compareNewestFirst(this.pending, entry) > 0) {
        this.add(this.pending);
        this.pending = undefined;
      }
      this.add(entry);
    }
  }

  /** True for an entry the change takes out: the story's own source, or (an update) another file's copy of its uri. */
  private replaces(entry: WindowEntry): boolean {
    const { change } = this;
    if (change.kind === 'remove') return entry.source === change.source;
    return entry.source === change.entry.source || entry.id === change.entry.id;
  }

  private add(entry: WindowEntry): void {
    this.seen.add(entry.source);
    const before = this.cutter.closedCount;
    const { page, closed } = this.cutter.add(entry);
    if (this.change.kind === 'upsert' && entry === this.change.entry) this.page = page;
    closed.forEach((items, i) => this.produced.push({ n: before + i + 1, entries: [...items].reverse() }));
  }
}

/** The three files of archive page `n`; `hasNewer` when page n + 1 exists (its `next-archive` link). */
export function renderArchivePage(site: SiteConfig, folder: FeedFolder, meta: { title: string; description: string }, n: number, entries: WindowEntry[], hasNewer: boolean): SiteFile[] {
  return feedFiles(archiveFolder(folder, n), archiveFeed(site, folder, meta, n, entries, hasNewer));
}
