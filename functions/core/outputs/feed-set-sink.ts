import { assembleFeed, feedUrls, FEED_PAGE_FILE, renderFeedIn, type Feed, type FeedPaging } from '../feed.js';
import { largestFragmentBytes, type RenderedItem } from '../rendered-item.js';
import type { SiteConfig } from '../site.js';
import type { EmitFile, SiteFile } from '../site-file.js';
import { FORMATS } from '../formats/registry.js';
import { renderFeedPage } from '../pages/feed-page.js';
import type { ItemSink } from './item-sink.js';

/** Google News reads at most 2 MB of a feed; the subscription feed's item count adapts to stay under. */
export const FEED_BYTE_BUDGET = 2 * 1024 * 1024;

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
 * One feed set (a file per format: RSS, Atom, JSON Feed) with RFC 5005 archives. Entries arrive oldest first. Every
 * `itemLimit` entries close an archive page (`<folder>/archive/<n>/…`, n = 1 the oldest), or fewer
 * when the next entry would take the page past the byte budget; a closed page is written once the
 * next one closes (so it can link `next-archive`) or at the end. The subscription feed holds the
 * newest `itemLimit` items and never fewer than the page still filling (which fits the budget by
 * construction), so a reader can rebuild the whole history by following `prev-archive`.
 */
export function createFeedSetSink(options: FeedSetOptions): FeedSetSink {
  const { site, folder } = options;
  const pageSize = site.itemLimit;
  const recent: RenderedItem[] = [];
  let filling: RenderedItem[] = [];
  let fillingBytes = 0;
  let closed: RenderedItem[] | undefined;
  let closedCount = 0;
  let subscription: Feed | undefined;

  const writeArchive = (items: RenderedItem[], n: number, hasNewer: boolean, emit: EmitFile) => {
    writeFeedSet(archiveFolder(folder, n), archiveFeed(site, folder, options, n, newestFirst(items), hasNewer), emit);
  };

  const closeFilling = (emit: EmitFile) => {
    if (closed) writeArchive(closed, closedCount, true, emit);
    closed = filling;
    closedCount += 1;
    filling = [];
    fillingBytes = 0;
  };

  return {
    add({ rendered }, emit) {
      recent.push(rendered);
      if (recent.length > pageSize) recent.shift();
      if (!options.archives) return;
      const bytes = itemBytes(rendered);
      if (filling.length > 0 && fillingBytes + bytes > PAGE_ITEM_BUDGET) closeFilling(emit);
      filling.push(rendered);
      fillingBytes += bytes;
      if (filling.length >= pageSize) closeFilling(emit);
    },
    finish(emit) {
      if (closed) writeArchive(closed, closedCount, false, emit);
      subscription = fitBudget(assembleFeed(site, folder, options, newestFirst(recent), subscriptionPaging(site, folder, closedCount)), Math.max(1, filling.length));
      writeFeedSet(folder, subscription, emit);
    },
    feed: () => subscription,
    snapshot(ref) {
      const refs = (items: RenderedItem[]) => items.map(ref);
      return { recent: refs(recent), filling: refs(filling), fillingBytes, closed: closed && refs(closed), closedCount };
    },
    restore(saved, items) {
      const named = (refs: number[]) => refs.map((at) => items[at]!);
      recent.splice(0, recent.length, ...named(saved.recent));
      filling = named(saved.filling);
      fillingBytes = saved.fillingBytes;
      closed = saved.closed && named(saved.closed);
      closedCount = saved.closedCount;
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
  // Every item of the page: the Lambda may put a backdated story on a page the CLI would have cut full.
  const feed = assembleFeed(site, archiveFolder(folder, n), { title: `${meta.title} (archive ${n})`, description: meta.description }, items, paging, items.length);
  // An archive has no page of its own: its web page (RSS link, Atom alternate, JSON home_page_url) is the feed set's.
  return { ...feed, urls: { ...feed.urls, home: paging.current!.home } };
}

/** True when an archive page holding `items` has no room for `next`: full, or past the byte budget. */
export function pageIsFull(site: SiteConfig, items: readonly RenderedItem[], next?: RenderedItem): boolean {
  if (items.length >= site.itemLimit) return true;
  if (!next || items.length === 0) return false;
  return items.reduce((sum, item) => sum + itemBytes(item), 0) + itemBytes(next) > PAGE_ITEM_BUDGET;
}

function newestFirst(items: RenderedItem[]): RenderedItem[] {
  return [...items].reverse();
}

/** Room kept for a feed's head (channel, links, namespaces) and item separators. */
const HEAD_ALLOWANCE = 64 * 1024;

/** Bytes the items of one archive page may take in any format, leaving room for the feed's head. */
const PAGE_ITEM_BUDGET = FEED_BYTE_BUDGET - HEAD_ALLOWANCE;

/** UTF-8 size of an item's largest fragment: carried by the item, measured only for items stored before it was. */
function itemBytes(item: RenderedItem): number {
  return item.bytes ?? largestFragmentBytes(item);
}

/**
 * Drops the oldest items until every format is under the byte budget (Google News: 2 MB per feed),
 * keeping at least `minItems` (the page still filling, so nothing falls between feed and archives).
 */
export function fitBudget(feed: Feed, minItems: number): Feed {
  // Counted from the items' sizes, never by rendering: each item is charged its largest format,
  // so the sum bounds every format's size.
  let total = HEAD_ALLOWANCE + feed.items.reduce((sum, item) => sum + itemBytes(item), 0);
  let keep = feed.items.length;
  while (keep > minItems && total > FEED_BYTE_BUDGET) {
    keep -= 1;
    total -= itemBytes(feed.items[keep]!);
  }
  return keep === feed.items.length ? feed : { ...feed, items: feed.items.slice(0, keep) };
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
