import { ArchiveRecut, emptyHead, renderArchivePage, sideOfPage, type ArchivePageState, type ArchiveRecutResult } from '../../core/incremental/archive-pages.js';
import type { ArchiveHead, EntryFacts, FeedWindow, WindowChange, WindowEntry } from '../../core/incremental/feed-window.js';
import type { FeedFolder } from '../../core/incremental/layout.js';
import { archivePageKey } from '../../core/incremental/state-keys.js';
import { windowMeta } from '../../core/incremental/render-window.js';
import { encodeFramed } from '../../core/incremental/framed-state.js';
import { compareNewestFirst, type Dated } from '../../core/newest-first.js';
import type { SiteFile } from '../../core/site-file.js';
import type { PublishContext } from './publish-context.js';
import { mapConcurrently, REQUESTS_AT_ONCE } from '../concurrently.js';
import { readEntries } from './window-entries.js';
import { publishFiles } from './publish-files.js';
import type { StateCodec } from '../../core/ports/state-store.js';

/** Where the story's last published version sits: its record's page in this feed, and the key it was placed by. */
export interface ArchivePlacement {
  page: number | undefined;
  key: Dated | undefined;
}

/** A closed page as read: its items, the MD5s of its files, the ETag of its state (absent: no state). */
interface ReadPage {
  entries: WindowEntry[];
  files: Record<string, string>;
  etag?: string;
}

type FeedMeta = { title: string; description: string };

/** Archive pages rewritten at once by one recut (each is four file PUTs and a state PUT). */
const PAGES_AT_ONCE = 2;

/**
 * One story's change to one feed's RFC 5005 archive, run inside the feed window's optimistic step
 * (the head lives in the window, so it commits with it). The pages are cut by `ArchiveRecut`, as the
 * CLI cuts them; this reads the pages it needs and writes what it returns. New pages are written
 * before the pages that link them, and both before the window commit, so the subscription feed
 * never links a page that is not there; page states read are written back on their ETag, so a
 * concurrent change to the same page fails this publish (retried) rather than being lost. If the
 * window commit loses a race, the next attempt rewrites the winner's newest page.
 */
export class ArchiveUpdate {
  /** After the window committed: the page the story is on (for its record); undefined when removed. */
  page: number | undefined;
  private written: number | undefined;

  constructor(
    private readonly ctx: PublishContext,
    private readonly folder: FeedFolder,
    private readonly changes: WindowChange[],
    private readonly previous: ArchivePlacement,
  ) {}

  /** Applies the changes to the archive head of `window` (already changed), writing pages as they are cut again. */
  async apply(window: FeedWindow): Promise<FeedWindow> {
    const meta = windowMeta(this.ctx.config, window);
    let head: ArchiveHead = window.archive ?? emptyHead();
    // A previous attempt lost the window race after writing page `written`: if the winner closed
    // that same page, ours may have overwritten it; put the winner's back.
    if (this.written !== undefined && head.closed === this.written) await this.writePage(head.closed, { entries: await this.fromItems(head.last), files: {} }, false, meta, true);
    this.written = undefined;
    this.page = undefined;
    for (const change of this.changes) {
      const pages = new Map<number, Promise<ReadPage>>();
      const read = (n: number) => {
        let page = pages.get(n);
        if (!page) pages.set(n, (page = this.readPage(n, head)));
        return page;
      };
      const recut = await this.startRecut(head, change, read);
      while (recut.nextPage <= head.closed && !recut.settled) {
        // Not settled after its first page, the cut runs on to the newest: read the next page while
        // this one is cut (a correction settles on its own page and reads no other).
        if (recut.nextPage > recut.from && recut.nextPage < head.closed) void read(recut.nextPage + 1).catch(() => undefined);
        recut.addPage((await read(recut.nextPage)).entries);
        // Pages cut for good are written now and let go: a long recut holds a few pages, not all.
        await mapConcurrently(recut.takeFinished(), PAGES_AT_ONCE, async (page) => {
          await this.rewritePage(page, await read(page.n), meta);
          pages.delete(page.n);
        });
      }
      const result = recut.finish();
      head = await this.carryOut(head, result, read, meta);
      this.page = result.page;
    }
    return { ...window, archive: head };
  }

  /**
   * Where the recut starts: the page the story's earlier version is on (or the filling page), moved
   * down while its new version is older than an item on the pages before — those hold items newer
   * than it, so it sits among them. A correction reads its own page only; a late story reads down
   * to its page, which the recut then reads anyway.
   */
  private async startRecut(head: ArchiveHead, change: WindowChange, read: (n: number) => Promise<ReadPage>): Promise<ArchiveRecut> {
    const source = change.kind === 'remove' ? change.source : change.entry.source;
    const inOpen = head.open.some((entry) => entry.source === source || (change.kind === 'upsert' && entry.id === change.entry.id));
    const oldPage = inOpen ? undefined : await this.findOnPage(head, source, read);
    let from = oldPage ?? head.closed + 1;
    if (change.kind === 'upsert') while (!(await this.startsBefore(head, change.entry, from, read))) from -= 1;
    return new ArchiveRecut(this.ctx.config, head, change, from, oldPage);
  }

  /** True when every item on the pages before page `n` is older than `entry`: a recut may start at `n`. */
  private async startsBefore(head: ArchiveHead, entry: WindowEntry, n: number, read: (n: number) => Promise<ReadPage>): Promise<boolean> {
    if (n <= 1) return true;
    if (n <= head.closed) {
      // Not older than page n's oldest item: newer than every page before it, without reading one.
      const own = (await read(n)).entries;
      const oldest = own[own.length - 1];
      if (oldest && compareNewestFirst(entry, oldest) <= 0) return true;
    }
    const before = n - 1 === head.closed ? head.last[0] : (await read(n - 1)).entries[0];
    return !before || compareNewestFirst(entry, before) < 0;
  }

  /**
   * The closed page holding the story's earlier version: the page its record names, or (the pages
   * were cut again since, by a late story or a removal) the page its first publication leads to.
   */
  private async findOnPage(head: ArchiveHead, source: string, read: (n: number) => Promise<ReadPage>): Promise<number | undefined> {
    const { page, key } = this.previous;
    if (page === undefined || head.closed === 0) return undefined;
    const tried = new Set<number>();
    for (let n = Math.min(page, head.closed); n >= 1 && n <= head.closed && !tried.has(n); ) {
      tried.add(n);
      const { entries } = await read(n);
      if (entries.some((entry) => entry.source === source)) return n;
      const side = key ? sideOfPage(entries, key) : 0;
      if (side === 0) return undefined;
      n += side;
    }
    return undefined;
  }

  /** Writes what the recut returned, in an order that never leaves a link to a missing page; the new head. */
  private async carryOut(head: ArchiveHead, result: ArchiveRecutResult, read: (n: number) => Promise<ReadPage>, meta: FeedMeta): Promise<ArchiveHead> {
    const added = result.write.filter((page) => page.n > head.closed);
    const changed = result.write.filter((page) => page.n <= head.closed);
    // New pages first (they are linked by the pages before them); the rest together.
    for (const page of added) await this.writePage(page.n, { entries: page.entries, files: {} }, page.hasNewer, meta, true);
    if (added.length > 0) this.written = added[added.length - 1]!.n;
    // Each page is four files and a state: a few pages at a time.
    const rewrites = mapConcurrently(changed, PAGES_AT_ONCE, async (page) => this.rewritePage(page, await read(page.n), meta));
    let next = result.head;
    const { relink } = result;
    let relinked: Promise<void> | undefined;
    if (relink) {
      const page = await read(relink.n);
      relinked = this.writePage(relink.n, page, relink.hasNewer, meta, false);
      if (relink.n === next.closed) next = { ...next, last: page.entries };
    }
    await Promise.all([rewrites, relinked]);
    // Pages past the new newest one go last: nothing links them any more.
    await mapConcurrently(result.remove, REQUESTS_AT_ONCE, async (n) => {
      await mapConcurrently(renderArchivePage(this.ctx.config, this.folder, meta, n, [], false), REQUESTS_AT_ONCE, (file) => this.ctx.writer.remove(file.path));
      await this.ctx.state.delete(archivePageKey(this.folder, n));
    });
    return next;
  }

  /** Writes a closed page cut again, over the state it was read as. */
  private async rewritePage(page: { n: number; entries: WindowEntry[]; hasNewer: boolean }, before: ReadPage, meta: FeedMeta): Promise<void> {
    await this.writePage(page.n, { ...before, entries: page.entries }, page.hasNewer, meta, true);
  }

  /** Closed page `n` as stored; page `closed` from its items if its state is missing (its facts are in the head). */
  private async readPage(n: number, head: ArchiveHead): Promise<ReadPage> {
    const stored = await this.ctx.state.read(archivePageKey(this.folder, n), this.pageState());
    if (stored) return { ...stored.value, etag: stored.etag };
    return { entries: n === head.closed ? await this.fromItems(head.last) : [], files: {} };
  }

  /** Whole entries for facts, read from the stories' item objects (a story removed since is left out). */
  private async fromItems(facts: EntryFacts[]): Promise<WindowEntry[]> {
    const whole = await readEntries(this.ctx, facts.map((entry) => entry.source));
    return facts.flatMap((entry) => whole.get(entry.source) ?? []);
  }

  /**
   * Writes a page's files (skipping those whose MD5 it last wrote), and its state when `withState`
   * (re-linking leaves a page's items as they are). The state after the files: it names their MD5s.
   * A state read (with an ETag) is written back on that ETag.
   */
  private async writePage(n: number, page: ReadPage, hasNewer: boolean, meta: FeedMeta, withState: boolean): Promise<void> {
    const files = await this.publishFiles(renderArchivePage(this.ctx.config, this.folder, meta, n, page.entries, hasNewer), page.files);
    if (!withState) return;
    const key = archivePageKey(this.folder, n);
    const state = encodeFramed({ entries: page.entries, files } satisfies ArchivePageState, this.ctx.fragments);
    if (page.etag !== undefined) await this.ctx.state.write(key, state, page.etag);
    else await this.ctx.state.put(key, state);
  }

  /** How page states are stored: framed, their fragments named by token like the window's. */
  private pageState(): StateCodec<ArchivePageState> {
    return this.ctx.state.framed<ArchivePageState>(this.ctx.fragments);
  }

  /** Publishes one page's files (`publishFiles`), skipping those unchanged from `previous`. */
  private publishFiles(files: SiteFile[], previous: Record<string, string> = {}): Promise<Record<string, string>> {
    return publishFiles(files, (file) => this.ctx.writer.publish(file.path, file.body, previous[file.path]));
  }
}
