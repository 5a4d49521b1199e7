import { assembleFeed, feedUrls, FEED_FILES, type Feed, type FeedPaging } from '../feed.js';
import type { RenderedItem } from '../rendered-item.js';
import type { SiteConfig } from '../site.js';
import type { EmitFile } from '../site-file.js';
import { renderRss } from '../render/rss.js';
import { renderAtom } from '../render/atom.js';
import { renderJsonFeed } from '../render/json-feed.js';
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
}

/**
 * One feed set (RSS, Atom, JSON Feed) with RFC 5005 archives. Entries arrive oldest first. Every
 * `itemLimit` entries close an archive page (`<folder>/archive/<n>/…`, n = 1 the oldest); a closed
 * page is written once the next one closes (so it can link `next-archive`) or at the end. The
 * subscription feed holds the newest `itemLimit` items, so it always covers the page still filling:
 * a reader can rebuild the whole history by following `prev-archive`.
 */
export function createFeedSetSink(options: FeedSetOptions): FeedSetSink {
  const { site, folder } = options;
  const pageSize = site.itemLimit;
  const recent: RenderedItem[] = [];
  let filling: RenderedItem[] = [];
  let closed: RenderedItem[] | undefined;
  let closedCount = 0;
  let subscription: Feed | undefined;

  const archiveFolder = (n: number) => `${folder ? `${folder}/` : ''}archive/${n}`;
  const archiveUrls = (n: number) => feedUrls(site.baseUrl, archiveFolder(n));
  const subscriptionUrls = feedUrls(site.baseUrl, folder);

  const writeArchive = (items: RenderedItem[], n: number, hasNewer: boolean, emit: EmitFile) => {
    const paging: FeedPaging = {
      archive: true,
      current: subscriptionUrls,
      ...(n > 1 && { prevArchive: archiveUrls(n - 1) }),
      ...(hasNewer && { nextArchive: archiveUrls(n + 1) }),
    };
    const meta = { title: `${options.title} (archive ${n})`, description: options.description };
    writeFeedSet(archiveFolder(n), assembleFeed(site, archiveFolder(n), meta, newestFirst(items), paging), emit);
  };

  return {
    add({ rendered }, emit) {
      recent.push(rendered);
      if (recent.length > pageSize) recent.shift();
      if (!options.archives) return;
      filling.push(rendered);
      if (filling.length < pageSize) return;
      if (closed) writeArchive(closed, closedCount, true, emit);
      closed = filling;
      closedCount += 1;
      filling = [];
    },
    finish(emit) {
      if (closed) writeArchive(closed, closedCount, false, emit);
      const paging: FeedPaging | undefined = closedCount > 0 ? { archive: false, prevArchive: archiveUrls(closedCount) } : undefined;
      subscription = fitBudget(assembleFeed(site, folder, options, newestFirst(recent), paging));
      writeFeedSet(folder, subscription, emit);
    },
    feed: () => subscription,
  };
}

function newestFirst(items: RenderedItem[]): RenderedItem[] {
  return [...items].reverse();
}

/**
 * Drops the oldest items until every format is under the byte budget (Google News: 2 MB per feed).
 * Items dropped here are still in the archives when the feed set keeps them.
 */
function fitBudget(feed: Feed): Feed {
  // A UTF-16 code unit never takes more than 3 UTF-8 bytes: most feeds are proven small without rendering.
  const upperBound = 3 * (4096 + feed.items.reduce((sum, item) => sum + Math.max(item.rss.length, item.atom.length, item.json.length), 0));
  if (upperBound <= FEED_BYTE_BUDGET) return feed;
  let fitted = feed;
  while (fitted.items.length > 1 && largestFormatBytes(fitted) > FEED_BYTE_BUDGET) {
    const keep = Math.max(1, Math.floor(fitted.items.length * 0.9));
    fitted = { ...fitted, items: fitted.items.slice(0, keep) };
  }
  return fitted;
}

function largestFormatBytes(feed: Feed): number {
  return Math.max(Buffer.byteLength(renderRss(feed)), Buffer.byteLength(renderAtom(feed)), Buffer.byteLength(renderJsonFeed(feed)));
}

/** Writes the three files of a feed set under `folder`. */
export function writeFeedSet(folder: string, feed: Feed, emit: EmitFile): void {
  const prefix = folder ? `${folder}/` : '';
  emit({ path: prefix + FEED_FILES.rss, body: renderRss(feed) });
  emit({ path: prefix + FEED_FILES.atom, body: renderAtom(feed) });
  emit({ path: prefix + FEED_FILES.json, body: renderJsonFeed(feed) });
}
