import type { ArchivePageState } from '../../core/incremental/archive-page-state.js';
import { emptyWindow, type FeedWindow, type WindowEntry } from '../../core/incremental/feed-window.js';
import { keptWindowRules, planWindow, planWithoutReads } from '../../core/outputs/feed-set/window-plan.js';
import { ArchiveAppend, type ArchivePageWrite } from '../../core/outputs/feed-set/archive-plan.js';
import { archivePageFiles } from '../../core/outputs/feed-set/feed-set-files.js';
import { compareNewestFirst } from '../../core/newest-first.js';
import type { FeedFolder } from '../../core/incremental/layout.js';
import { windowMeta } from '../../core/incremental/render-window.js';
import { encodeFramed } from '../../core/incremental/framed-state.js';
import type { PublishContext } from '../publish/publish-context.js';
import { publishFiles } from '../publish/publish-files.js';

type FeedMeta = { title: string; description: string };

/**
 * Writes archive page `n`'s files and its state (its items and the MD5 of each file); answers the
 * state's ETag and the files' MD5s by path. `written`: the ETag this rebuild gave the state when it wrote it before.
 */
export async function writeArchivePage(ctx: PublishContext, folder: FeedFolder, meta: FeedMeta, { n, entries, hasNewer }: ArchivePageWrite<WindowEntry>, put: PutFile, written?: string): Promise<{ etag: string; files: Record<string, string> }> {
  const files = await publishFiles(archivePageFiles(ctx.config, folder, meta, n, entries, hasNewer), (file) => put(file.path, file.body, false));
  const state: ArchivePageState = { entries, files };
  return { etag: await put(ctx.state.keys.archivePage(folder, n), encodeFramed(state, ctx.fragments), true, written), files };
}

/**
 * How the rebuild stores a file: public (`state` false; answers its MD5) or publisher state (written
 * conditionally; answers its ETag). `written`: the ETag this rebuild gave the state when it wrote it
 * before; the rebuild does not remember what it wrote (per story, that grew with the archive), so a
 * state object written twice is written the second time on the ETag its first write answered.
 */
export type PutFile = (path: string, body: string | Uint8Array, state: boolean, written?: string) => Promise<string>;

/**
 * Rebuild of one feed from its entries, oldest first: its RFC 5005 archive pages are planned by
 * `ArchiveAppend` (`core/outputs/feed-set/archive-plan.ts`, as the CLI build plans them, from an
 * empty archive); this writes each page as the planner hands it over. Its window is planned by
 * `planWindow` (`core/outputs/feed-set/window-plan.ts`, as a publish plans it), each entry an
 * append. It holds one page waiting, the page filling and the window, whatever the size of the
 * archive.
 */
export class FeedRebuild {
  private readonly archive: ArchiveAppend<WindowEntry>;
  /** Pages handed over by the planner, written with the expected title: `retitle` may write them again. */
  private written = 0;
  /** ETag of each archive page's state as written: `retitle` writes pages a second time. */
  private readonly pageEtags = new Map<number, string>();
  /** The feed's window so far: its newest entries and spares. */
  private window: FeedWindow;

  /**
   * `expected` is the title the feed is expected to end with (a section is named by its newest
   * story, known from the scan); pages are written with it and written again in `finish` if the
   * window ends up titled otherwise (the newest story of a section was refused on the way).
   */
  constructor(
    private readonly ctx: PublishContext,
    readonly folder: FeedFolder,
    private readonly expected: FeedMeta,
    private readonly put: PutFile,
  ) {
    this.archive = new ArchiveAppend(ctx.config.itemLimit);
    this.window = emptyWindow(folder);
  }

  /** Adds the next entry (newer than every one before); returns the archive page it is on. */
  async add(entry: WindowEntry): Promise<number> {
    const last = this.window.entries[0];
    // The pages are final as they close: an entry out of order would land on the wrong one.
    if (last && compareNewestFirst(last, entry) <= 0) throw new Error(`rebuild of feed '${this.folder}': ${entry.id} arrived after the newer ${last.id}`);
    this.window = planWithoutReads(planWindow(keptWindowRules(this.ctx.config.itemLimit), this.window, [{ kind: 'upsert', entry }])).window;
    const { page, write } = this.archive.add(entry);
    for (const pageWrite of write) await this.writePage(pageWrite, this.expected);
    this.written += write.length;
    return page;
  }

  /** Writes the last closed page; the window to store, with its archive head. */
  async finish(): Promise<FeedWindow> {
    const { write, head: archive } = this.archive.finish();
    const window: FeedWindow = { ...this.window, archive };
    const meta = windowMeta(this.ctx.config, window);
    for (const pageWrite of write) await this.writePage(pageWrite, meta);
    if (meta.title !== this.expected.title || meta.description !== this.expected.description) await this.retitle(meta);
    return window;
  }

  /** Writes an archive page. */
  private async writePage(page: ArchivePageWrite<WindowEntry>, meta: FeedMeta): Promise<void> {
    this.pageEtags.set(page.n, (await writeArchivePage(this.ctx, this.folder, meta, page, this.put, this.pageEtags.get(page.n))).etag);
  }

  /** Rare: the pages written before the last one carry the expected title; write them again with the real one. */
  private async retitle(meta: FeedMeta): Promise<void> {
    for (let n = 1; n <= this.written; n++) {
      const page = await this.ctx.state.read(this.ctx.state.keys.archivePage(this.folder, n), this.ctx.state.framed<ArchivePageState>(this.ctx.fragments));
      if (!page) throw new Error(`rebuild of feed '${this.folder}': archive page ${n} it wrote is gone`);
      await this.writePage({ n, entries: page.value.entries, hasNewer: true }, meta);
      // Its fragments are written: a feed of thousands of pages must not hold them all until the end.
      this.ctx.fragments.forget(page.body);
    }
  }
}
