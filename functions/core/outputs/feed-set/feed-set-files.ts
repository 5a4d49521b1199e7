import { assembleFeed, feedUrls, FEED_PAGE_FILE, renderFeedIn, type Feed, type FeedPaging } from '../../feed.js';
import type { RenderedItem } from '../../rendered-item.js';
import type { SiteConfig } from '../../site.js';
import type { EmitFile, SiteFile } from '../../site-file.js';
import { FORMATS } from '../../formats/registry.js';
import { renderFeedPage } from '../../pages/feed-page.js';
import { fitBudget } from '../feed-budget.js';

/** What a feed set is called: its subscription feed's title and description (`feed-set-meta.ts`). */
export interface FeedSetTitle {
  title: string;
  description: string;
}

/** Folder of archive page `n` (1 = oldest) of the feed set under `folder`. */
export function archiveFolder(folder: string, n: number): string {
  return `${folder ? `${folder}/` : ''}archive/${n}`;
}

/** RFC 5005 links of a subscription feed whose newest closed archive page is `closed` (none when 0). */
function subscriptionPaging(site: SiteConfig, folder: string, closed: number): FeedPaging | undefined {
  return closed > 0 ? { archive: false, prevArchive: feedUrls(site.baseUrl, archiveFolder(folder, closed)) } : undefined;
}

/**
 * The subscription feed of a feed set: its newest `itemLimit` items (`newestFirst`), linking the
 * newest closed archive page, cut to the byte budget but never below the `filling` items of the
 * archive page still filling (which fits the budget by construction), so every item stays in the
 * feed or an archive page and a reader can rebuild the whole history by following `prev-archive`.
 */
export function subscriptionFeed(site: SiteConfig, folder: string, meta: FeedSetTitle, newestFirst: RenderedItem[], archive: { closed: number; filling: number }): Feed {
  return fitBudget(assembleFeed(site, folder, meta, newestFirst, subscriptionPaging(site, folder, archive.closed)), Math.max(1, archive.filling));
}

/**
 * Archive page `n` of a feed set (items newest first): `fh:archive`, `current` to the subscription
 * feed, `prev-archive` to page n − 1, and `next-archive` to page n + 1 once that page exists.
 */
export function archiveFeed(site: SiteConfig, folder: string, meta: FeedSetTitle, n: number, items: RenderedItem[], hasNewer: boolean): Feed {
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

/** The paths of archive page `n`'s files (those `archivePageFiles` gives), without rendering it. */
export function archivePagePaths(folder: string, n: number): string[] {
  const prefix = `${archiveFolder(folder, n)}/`;
  return [...FORMATS.map((format) => prefix + format.fileName), prefix + FEED_PAGE_FILE];
}

/** The files of archive page `n`; `hasNewer` when page n + 1 exists (its `next-archive` link). */
export function archivePageFiles(site: SiteConfig, folder: string, meta: FeedSetTitle, n: number, items: RenderedItem[], hasNewer: boolean): SiteFile[] {
  return feedFiles(archiveFolder(folder, n), archiveFeed(site, folder, meta, n, items, hasNewer));
}
