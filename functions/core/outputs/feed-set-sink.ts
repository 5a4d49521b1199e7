import { assembleFeed, feedUrls, FEED_PAGE_FILE, renderFeedIn, type Feed, type FeedPaging } from '../feed.js';
import type { RenderedItem } from '../rendered-item.js';
import type { SiteConfig } from '../site.js';
import type { EmitFile, SiteFile } from '../site-file.js';
import { FORMATS } from '../formats/registry.js';
import { renderFeedPage } from '../pages/feed-page.js';
import type { ItemSink } from './item-sink.js';
import { createPageCutter, resumeCutter, type PageCutter } from './archive-cut.js';
import { fitBudget } from './feed-budget.js';

/** What a feed set is called and where it lives. */
export interface FeedSetOptions {
  site: SiteConfig;
  /** Folder under the site root, '' for the main feed. */
  folder: string;
  title: string;
  description: string;
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
 * One feed set (a file per format: RSS, Atom, JSON Feed) with RFC 5005 archives. Entries arrive oldest first and are
 * cut into archive pages (`<folder>/archive/<n>/…`, n = 1 the oldest) by `archive-cut.ts`; a closed
 * page is written once the next one closes (so it can link `next-archive`) or at the end. The
 * subscription feed holds the newest `itemLimit` items and never fewer than the page still filling
 * (which fits the budget by construction), so a reader can rebuild the whole history by following
 * `prev-archive`.
 */
export function createFeedSetSink(options: FeedSetOptions): FeedSetSink {
  const { site, folder } = options;
  const pageSize = site.itemLimit;
  const recent: RenderedItem[] = [];
  let cutter: PageCutter<RenderedItem> = createPageCutter(pageSize);
  /** The newest closed page, written when the next one closes or at the end. */
  let closed: RenderedItem[] | undefined;
  let subscription: Feed | undefined;

  const writeArchive = (items: RenderedItem[], n: number, hasNewer: boolean, emit: EmitFile) => {
    writeFeedSet(archiveFolder(folder, n), archiveFeed(site, folder, options, n, newestFirst(items), hasNewer), emit);
  };

  return {
    add({ rendered }, emit) {
      recent.push(rendered);
      if (recent.length > pageSize) recent.shift();
      if (!options.archives) return;
      const before = cutter.closedCount;
      const { closed: pages } = cutter.add(rendered);
      pages.forEach((page, i) => {
        if (closed) writeArchive(closed, before + i, true, emit);
        closed = page;
      });
    },
    finish(emit) {
      const closedCount = cutter.closedCount;
      if (closed) writeArchive(closed, closedCount, false, emit);
      subscription = fitBudget(assembleFeed(site, folder, options, newestFirst(recent), subscriptionPaging(site, folder, closedCount)), Math.max(1, cutter.filling.length));
      writeFeedSet(folder, subscription, emit);
    },
    feed: () => subscription,
    snapshot(ref) {
      const refs = (items: readonly RenderedItem[]) => items.map(ref);
      const { filling, fillingBytes, closedCount } = cutter.state();
      return { recent: refs(recent), filling: refs(filling), fillingBytes, closed: closed && refs(closed), closedCount };
    },
    restore(saved, items) {
      const named = (refs: number[]) => refs.map((at) => items[at]!);
      recent.splice(0, recent.length, ...named(saved.recent));
      cutter = resumeCutter(pageSize, { filling: named(saved.filling), fillingBytes: saved.fillingBytes, closedCount: saved.closedCount });
      closed = saved.closed && named(saved.closed);
    },
  };
}

/** A feed set's state between entries: which items each list holds, by number. */
export interface SavedFeedSet {
  recent: number[];
  filling: number[];
  fillingBytes: number;
  closed: number[] | undefined;
  closedCount: number;
}

/** Folder of archive page `n` (1 = oldest) of the feed set under `folder`. */
export function archiveFolder(folder: string, n: number): string {
  return `${folder ? `${folder}/` : ''}archive/${n}`;
}

/** RFC 5005 links of a subscription feed whose newest closed archive page is `closed` (none when 0). */
export function subscriptionPaging(site: SiteConfig, folder: string, closed: number): FeedPaging | undefined {
  return closed > 0 ? { archive: false, prevArchive: feedUrls(site.baseUrl, archiveFolder(folder, closed)) } : undefined;
}

/**
 * Archive page `n` of a feed set (items newest first): `fh:archive`, `current` to the subscription
 * feed, `prev-archive` to page n − 1, and `next-archive` to page n + 1 once that page exists. Shared
 * by the CLI build and the Lambda's incremental archive, so both write the same bytes.
 */
export function archiveFeed(site: SiteConfig, folder: string, meta: { title: string; description: string }, n: number, items: RenderedItem[], hasNewer: boolean): Feed {
  const paging: FeedPaging = {
    archive: true,
    current: feedUrls(site.baseUrl, folder),
    ...(n > 1 && { prevArchive: feedUrls(site.baseUrl, archiveFolder(folder, n - 1)) }),
    ...(hasNewer && { nextArchive: feedUrls(site.baseUrl, archiveFolder(folder, n + 1)) }),
  };
  // Every item of the page (the cut keeps a page within the item limit: `archive-cut.ts`).
  const feed = assembleFeed(site, archiveFolder(folder, n), { title: `${meta.title} (archive ${n})`, description: meta.description }, items, paging, items.length);
  // An archive has no page of its own: its web page (RSS link, Atom alternate, JSON home_page_url) is the feed set's.
  return { ...feed, urls: { ...feed.urls, home: paging.current!.home } };
}

function newestFirst(items: RenderedItem[]): RenderedItem[] {
  return [...items].reverse();
}

/**
 * Writes the feed files of a feed set under `folder`, one per format, and the HTML view browsers
 * are served in their place. Every feed set gets one, archive pages included: the edge routes a
 * browser asking for any feed file (`rss.xml`, `atom.xml`, `feed.json`) to the `feed.html` beside it.
 */
export function writeFeedSet(folder: string, feed: Feed, emit: EmitFile): void {
  const prefix = folder ? `${folder}/` : '';
  for (const format of FORMATS) emit({ path: prefix + format.fileName, body: renderFeedIn(format, feed) });
  emit({ path: prefix + FEED_PAGE_FILE, body: renderFeedPage(feed, folder ? '../'.repeat(folder.split('/').length) : '') });
}

/** The files of one feed set as a list, for callers that assemble a feed themselves (the Lambda's windows). */
export function feedFiles(folder: string, feed: Feed): SiteFile[] {
  const files: SiteFile[] = [];
  writeFeedSet(folder, feed, (file) => files.push(file));
  return files;
}
