import { applyArchiveChange, editPage, emptyHead, renderArchivePage, type ArchivePageState } from '../core/incremental/archive-pages.js';
import type { ArchiveHead, EntryFacts, FeedWindow, WindowChange, WindowEntry } from '../core/incremental/feed-window.js';
import type { FeedFolder } from '../core/incremental/layout.js';
import { archivePageKey } from '../adapters/s3-layout.js';
import { windowMeta } from '../core/incremental/render-window.js';
import { encodeFramed } from '../core/incremental/framed-state.js';
import { deleteObject } from '../adapters/s3-store.js';
import { framedState, putState, readState, updateState, type StateCodec } from '../adapters/s3-state.js';
import type { SiteFile } from '../core/site-file.js';
import type { PublishContext } from './publish-context.js';
import { mapConcurrently, REQUESTS_AT_ONCE } from './concurrently.js';
import { readEntries } from './publish-entries.js';
import { publishFiles } from './publish-files.js';

/**
 * One story's change to one feed's RFC 5005 archive, run inside the feed window's optimistic step
 * (the head lives in the window, so it commits with it). A closing page is written before the
 * window commit, so the subscription feed never links a page that is not there; if the commit then
 * loses a race, the next attempt rewrites the winner's page from the head it committed.
 */
export class ArchiveUpdate {
  /** After the window committed: the page the story is on (for its record); undefined when removed. */
  page: number | undefined;
  private written: number | undefined;

  constructor(
    private readonly ctx: PublishContext,
    private readonly folder: FeedFolder,
    private readonly changes: WindowChange[],
    private readonly previousPage: number | undefined,
  ) {}

  /** Applies the changes to the archive head of `window` (already changed), writing pages as they close or change. */
  async apply(window: FeedWindow): Promise<FeedWindow> {
    const { ctx, folder } = this;
    const meta = windowMeta(ctx.config, window);
    let head: ArchiveHead = window.archive ?? emptyHead();
    // A previous attempt lost the window race after writing page `written`: if the winner closed
    // that same page, ours may have overwritten it; put the winner's back.
    // The page's state is ours too, so its items come from their item objects.
    if (this.written !== undefined && head.closed === this.written) await this.writePage(head.closed, await this.fromItems(head.last), false, meta, true);
    this.written = undefined;
    this.page = undefined;
    for (const change of this.changes) {
      const before = head;
      const step = applyArchiveChange(ctx.config, head, change, this.previousPage);
      head = step.head;
      this.page = step.page;
      if (step.edit) {
        const entries = await this.editPage(step.edit.n, step.edit.change, head.closed, meta);
        if (step.edit.n === head.closed) head = { ...head, last: entries };
      }
      // Deletions at the newest end leave the newest page short with nothing after it: take it back
      // into the filling page, as the CLI would have cut it. Only with `open` empty, so the page
      // number the records of the open items carry stays right.
      if ((step.edit || change.kind === 'remove') && head.closed > 0 && head.open.length === 0 && head.last.length < ctx.config.itemLimit) head = await this.reopen(head, meta);
      if (step.closed) {
        const { n, entries } = step.closed;
        // The page before is read while the new page is written, but rewritten only after it: its
        // files now link the new page (`next-archive`), which must be there first.
        const previous = n > 1 ? this.pageEntries(n - 1, before.last) : undefined;
        previous?.catch(() => undefined);
        await this.writePage(n, entries, false, meta, true);
        if (previous) await this.writePage(n - 1, await previous, true, meta, false);
        this.written = n;
      }
    }
    return { ...window, archive: head };
  }

  /** Deletes the newest page; its items fill again, and the page before it loses its `next-archive` link. */
  private async reopen(head: ArchiveHead, meta: { title: string; description: string }): Promise<ArchiveHead> {
    const { ctx, folder } = this;
    const n = head.closed;
    const reopened = await this.pageEntries(n, head.last);
    await mapConcurrently(renderArchivePage(ctx.config, folder, meta, n, [], false), REQUESTS_AT_ONCE, (file) => ctx.writer.remove(file.path));
    await deleteObject(ctx.site, archivePageKey(folder, n));
    const before = n > 1 ? ((await readState(ctx.site, archivePageKey(folder, n - 1), this.pageState()))?.value.entries ?? []) : [];
    if (n > 1) await this.writePage(n - 1, before, false, meta, false);
    return { closed: n - 1, open: reopened, last: before };
  }

  /** Closed page `n`'s items whole, from its state; from their items if the state is missing. */
  private async pageEntries(n: number, facts: EntryFacts[]): Promise<WindowEntry[]> {
    return (await readState(this.ctx.site, archivePageKey(this.folder, n), this.pageState()))?.value.entries ?? (await this.fromItems(facts));
  }

  /** Whole entries for facts, read from the stories' item objects (a story removed since is left out). */
  private async fromItems(facts: EntryFacts[]): Promise<WindowEntry[]> {
    const whole = await readEntries(this.ctx, facts.map((entry) => entry.source));
    return facts.flatMap((entry) => whole.get(entry.source) ?? []);
  }

  /**
   * Writes a page's files, and its state when `withState` (a page's items never change on re-linking).
   * The state after the files: it names their MD5s, and an edit skips a file whose MD5 it holds.
   */
  private async writePage(n: number, entries: WindowEntry[], hasNewer: boolean, meta: { title: string; description: string }, withState: boolean): Promise<void> {
    const files = await this.publishFiles(renderArchivePage(this.ctx.config, this.folder, meta, n, entries, hasNewer));
    if (!withState) return;
    const state = encodeFramed({ entries, files } satisfies ArchivePageState, this.ctx.fragments);
    await putState(this.ctx.site, archivePageKey(this.folder, n), state);
  }

  /** Corrects or removes a story on closed page `n`: one read, the changed files, one conditional write. */
  private async editPage(n: number, change: WindowChange, closed: number, meta: { title: string; description: string }): Promise<WindowEntry[]> {
    const { ctx, folder } = this;
    let entries: WindowEntry[] = [];
    await updateState(ctx.site, archivePageKey(folder, n), this.pageState(), async (current) => {
      entries = editPage(current?.entries ?? [], change);
      return { entries, files: await this.publishFiles(renderArchivePage(ctx.config, folder, meta, n, entries, n < closed), current?.files) };
    });
    return entries;
  }

  /** How page states are stored: framed, their fragments named by token like the window's. */
  private pageState(): StateCodec<ArchivePageState> {
    return framedState<ArchivePageState>(this.ctx.fragments);
  }

  /** Publishes one page's files (`publishFiles`), skipping those unchanged from `previous`. */
  private publishFiles(files: SiteFile[], previous: Record<string, string> = {}): Promise<Record<string, string>> {
    return publishFiles(files, (file) => this.ctx.writer.publish(file.path, file.body, previous[file.path]));
  }
}
