import type { Feed } from '../../feed.js';
import type { RenderedItem } from '../../rendered-item.js';
import type { SiteConfig } from '../../site.js';
import type { EmitFile } from '../../site-file.js';
import type { ItemSink } from '../item-sink.js';
import { ArchiveAppend, type ArchivePageWrite } from './archive-plan.js';
import { archiveFeed, archiveFolder, subscriptionFeed, writeFeedSet, type FeedSetTitle } from './feed-set-files.js';
import { emptyWindowState, planWindow, planWithoutReads, shownEntries, streamWindowRules, type WindowState } from './window-plan.js';

/** What a feed set is called and where it lives. */
export interface FeedSetOptions extends FeedSetTitle {
  site: SiteConfig;
  /** Folder under the site root, '' for the main feed. */
  folder: string;
  /** Keep RFC 5005 archives of the items that leave the subscription feed. */
  archives: boolean;
}

/** A feed set output; after `finish`, `feed()` is the subscription feed it wrote (for the index page). */
export interface FeedSetSink extends ItemSink {
  feed(): Feed | undefined;
  /** The state between entries, naming each item by `ref` (the site's feed sets share most items: stored once). */
  snapshot(ref: (item: RenderedItem) => number): SavedFeedSet;
  /** Continues from a snapshot whose `ref`s name `items`. */
  restore(saved: SavedFeedSet, items: readonly RenderedItem[]): void;
}

/**
 * One feed set (a file per format: RSS, Atom, JSON Feed) with RFC 5005 archives, for the CLI build.
 * Entries arrive oldest first; the archive pages are planned by `ArchiveAppend` (`archive-plan.ts`)
 * and what the subscription feed shows by `planWindow` (`window-plan.ts`, each entry an append),
 * the planners the publish and the rebuild run too; the feed is `subscriptionFeed`, as the Lambda
 * renders it from its window.
 */
export function createFeedSetSink(options: FeedSetOptions): FeedSetSink {
  const { site, folder } = options;
  const pageSize = site.itemLimit;
  const rules = streamWindowRules(site.itemLimit);
  let window: WindowState<RenderedItem> = emptyWindowState();
  let archive = new ArchiveAppend<RenderedItem>(pageSize);
  let subscription: Feed | undefined;

  const writeArchive = (pages: ArchivePageWrite<RenderedItem>[], emit: EmitFile) => {
    for (const { n, entries, hasNewer } of pages) writeFeedSet(archiveFolder(folder, n), archiveFeed(site, folder, options, n, entries, hasNewer), emit);
  };

  return {
    add({ rendered }, emit) {
      window = planWithoutReads(planWindow(rules, window, [{ kind: 'upsert', entry: rendered }])).window;
      if (options.archives) writeArchive(archive.add(rendered).write, emit);
    },
    finish(emit) {
      const { closedCount: closed, filling } = archive.state();
      writeArchive(archive.finish().write, emit);
      subscription = subscriptionFeed(site, folder, options, shownEntries(rules, window), { closed, filling: filling.length });
      writeFeedSet(folder, subscription, emit);
    },
    feed: () => subscription,
    snapshot(ref) {
      const refs = (items: readonly RenderedItem[]) => items.map(ref);
      const { filling, fillingBytes, closedCount, waiting } = archive.state();
      return { window: refs(window.entries), truncated: window.truncated, filling: refs(filling), fillingBytes, closed: waiting && refs(waiting), closedCount };
    },
    restore(saved, items) {
      const named = (refs: number[]) => refs.map((at) => items[at]!);
      window = { entries: named(saved.window), truncated: saved.truncated };
      archive = new ArchiveAppend(pageSize, { filling: named(saved.filling), fillingBytes: saved.fillingBytes, closedCount: saved.closedCount, waiting: saved.closed && named(saved.closed) });
    },
  };
}

/** A feed set's state between entries: which items each list holds, by number (`closed`: the closed page not yet written). */
export interface SavedFeedSet {
  /** The window's entries, newest first. */
  window: number[];
  truncated: boolean;
  filling: number[];
  fillingBytes: number;
  closed: number[] | undefined;
  closedCount: number;
}
