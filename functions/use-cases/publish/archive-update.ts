import { emptyHead, planArchive, type ArchivePlan, type PlacedChange } from '../../core/outputs/feed-set/archive-plan.js';
import { archivePageFiles } from '../../core/outputs/feed-set/feed-set-files.js';
import type { ArchivePageState } from '../../core/incremental/archive-page-state.js';
import type { ArchiveHead, EntryFacts, FeedWindow, WindowChange, WindowEntry } from '../../core/incremental/feed-window.js';
import { md5Hex, type FeedFolder } from '../../core/incremental/layout.js';
import { windowMeta } from '../../core/incremental/render-window.js';
import { encodeFramed } from '../../core/incremental/framed-state.js';
import type { SiteFile } from '../../core/site-file.js';
import type { Settings, SiteAccess, StateAccess } from './publish-context.js';
import { mapConcurrently, REQUESTS_AT_ONCE } from '../concurrently.js';
import { readEntries } from './window-entries.js';
import { publishFiles } from './publish-files.js';
import type { StateCodec } from '../../core/ports/state-store.js';

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
 * A set of story changes to one feed's RFC 5005 archive (a batch's, one per story, planned at once:
 * a page they touch is written once), run inside the feed window's optimistic step (the head lives
 * in the window, so it commits with it). The pages are planned by `planArchive`
 * (`core/outputs/feed-set/archive-plan.ts`), as the CLI plans them; this only reads the pages it
 * asks for and writes what it plans. New pages are written
 * before the pages that link them, and both before the window commit, so the subscription feed
 * never links a page that is not there; page states read are written back on their ETag, so a
 * concurrent change to the same page fails this publish (retried) rather than being lost. If the
 * window commit loses a race, the next attempt rewrites the winner's newest page.
 */
export class ArchiveUpdate {
  /** After the window committed: source → the page its story is on (for its record); absent when removed. */
  readonly pages = new Map<string, number>();
  private written: number | undefined;

  constructor(
    private readonly ctx: StateAccess & SiteAccess & Pick<Settings, 'config'>,
    private readonly folder: FeedFolder,
    private readonly changes: readonly PlacedChange[],
  ) {}

  /** Applies the changes to the archive head of `window` (already changed), writing pages as they are cut again. */
  async apply(window: FeedWindow): Promise<FeedWindow> {
    const meta = windowMeta(this.ctx.config, window);
    let head: ArchiveHead = window.archive ?? emptyHead();
    // A previous attempt lost the window race after writing page `written`: if the winner closed
    // that same page, ours may have overwritten it; put the winner's back.
    if (this.written !== undefined && head.closed === this.written) await this.writePage(head.closed, { entries: await this.fromItems(head.last), files: {} }, false, meta, true);
    this.written = undefined;
    this.pages.clear();
    const pages = new Map<number, Promise<ReadPage>>();
    const read = (n: number) => {
      let page = pages.get(n);
      if (!page) pages.set(n, (page = this.readPage(n, head)));
      return page;
    };
    const plan = planArchive(this.ctx.config, head, this.changes);
    let step = plan.next();
    while (!step.done) {
      const need = step.value;
      if (need.kind === 'read') {
        // Read the page the cut will most likely ask for next while this one is cut.
        if (need.ahead !== undefined) void read(need.ahead).catch(() => undefined);
        step = plan.next((await read(need.n)).entries);
        continue;
      }
      // Pages cut for good are written now and let go: a long recut holds a few pages, not all.
      await mapConcurrently(need.pages, PAGES_AT_ONCE, async (page) => {
        await this.rewritePage(page, await read(page.n), meta);
        pages.delete(page.n);
      });
      step = plan.next();
    }
    const result = step.value;
    head = await this.carryOut(head, result, read, meta);
    for (const [source, page] of result.pages) this.pages.set(source, page);
    return { ...window, archive: head };
  }

  /** Writes what the recut returned, in an order that never leaves a link to a missing page; the new head. */
  private async carryOut(head: ArchiveHead, result: ArchivePlan, read: (n: number) => Promise<ReadPage>, meta: FeedMeta): Promise<ArchiveHead> {
    const added = result.write.filter((page) => page.n > head.closed);
    const changed = result.write.filter((page) => page.n <= head.closed);
    // New pages first (they are linked by the pages before them); the rest together.
    for (const page of added) await this.writePage(page.n, { entries: page.entries, files: {} }, page.hasNewer, meta, true);
    if (added.length > 0) this.written = Math.max(this.written ?? 0, added[added.length - 1]!.n);
    // Each page is four files and a state: a few pages at a time.
    const rewrites = mapConcurrently(changed, PAGES_AT_ONCE, async (page) => this.rewritePage(page, await read(page.n), meta));
    const { relink } = result;
    let relinked: Promise<void> | undefined;
    if (relink) relinked = this.writePage(relink.n, await read(relink.n), relink.hasNewer, meta, false);
    await Promise.all([rewrites, relinked]);
    // Pages past the new newest one go last: nothing links them any more.
    await mapConcurrently(result.remove, REQUESTS_AT_ONCE, async (n) => {
      await mapConcurrently(archivePageFiles(this.ctx.config, this.folder, meta, n, [], false), REQUESTS_AT_ONCE, (file) => this.ctx.writer.remove(file.path));
      await this.ctx.state.delete(this.ctx.state.keys.archivePage(this.folder, n));
    });
    return result.head;
  }

  /** Writes a closed page cut again, over the state it was read as. */
  private async rewritePage(page: { n: number; entries: WindowEntry[]; hasNewer: boolean }, before: ReadPage, meta: FeedMeta): Promise<void> {
    await this.writePage(page.n, { ...before, entries: page.entries }, page.hasNewer, meta, true);
  }

  /** Closed page `n` as stored; page `closed` from its items if its state is missing (its facts are in the head). */
  private async readPage(n: number, head: ArchiveHead): Promise<ReadPage> {
    const stored = await this.ctx.state.read(this.ctx.state.keys.archivePage(this.folder, n), this.pageState());
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
    const files = await this.publishFiles(archivePageFiles(this.ctx.config, this.folder, meta, n, page.entries, hasNewer), page.files);
    if (!withState) return;
    const key = this.ctx.state.keys.archivePage(this.folder, n);
    const state = encodeFramed({ entries: page.entries, files } satisfies ArchivePageState, this.ctx.fragments);
    // A page cut again as it was (an unchanged story published again) keeps its state as it is.
    if (page.etag !== undefined && md5Hex(state) === page.etag) return;
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
