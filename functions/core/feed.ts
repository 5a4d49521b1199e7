import type { RenderedItem } from './rendered-item.js';
import type { SiteConfig } from './site.js';
import type { Story } from './story.js';
import type { DocumentPaging, FeedFormat } from './formats/feed-format.js';
import { FORMATS, type FormatId } from './formats/registry.js';

/** Absolute URLs of one feed set: its web page, and its file in each format. */
export type FeedUrls = { home: string } & Record<FormatId, string>;

/** One feed set (main feed or a section), ready to render in every format. */
export interface Feed {
  site: SiteConfig;
  title: string;
  description: string;
  urls: FeedUrls;
  /** Newest `updated` among the items: the feed's own date, never the build time. */
  updated: Date;
  items: RenderedItem[];
  /** RFC 5005 archive links, when the feed set keeps archives. */
  paging?: FeedPaging;
}

/**
 * RFC 5005 §4 links. The subscription document links its newest archive (`prev-archive`); each
 * archive links the older one, the newer one and the subscription document (`current`).
 */
export interface FeedPaging {
  /** True for an archive document (`fh:archive`): its contents no longer change. */
  archive: boolean;
  prevArchive?: FeedUrls;
  nextArchive?: FeedUrls;
  current?: FeedUrls;
}

/** A feed set in one format: that format's file. */
export function renderFeedIn(format: FeedFormat<FormatId>, feed: Feed): string {
  const { id } = format;
  const paging: DocumentPaging | undefined = feed.paging && {
    archive: feed.paging.archive,
    ...(feed.paging.current && { current: feed.paging.current[id] }),
    ...(feed.paging.prevArchive && { prevArchive: feed.paging.prevArchive[id] }),
    ...(feed.paging.nextArchive && { nextArchive: feed.paging.nextArchive[id] }),
  };
  return format.renderFeed({
    site: feed.site,
    title: feed.title,
    description: feed.description,
    homeUrl: feed.urls.home,
    selfUrl: feed.urls[id],
    updated: feed.updated,
    items: feed.items.map((item) => item[id]),
    ...(paging && { paging }),
  });
}

/**
 * File name of a feed set's HTML view, beside its feed files: what a browser asking for any
 * of them is served (functions/core/http/feed-page-route.ts, functions/edge/viewer-request.js).
 */
export const FEED_PAGE_FILE = 'feed.html';

/** The date an empty feed carries, fixed so that rebuilding an empty feed changes no byte. */
const EMPTY_FEED_DATE = new Date(0);

/** Builds the URLs of a feed set stored under `folder` ('' for the site root). */
export function feedUrls(baseUrl: string, folder: string): FeedUrls {
  const prefix = folder ? `${baseUrl}/${folder}/` : `${baseUrl}/`;
  const urls = { home: prefix } as FeedUrls;
  for (const format of FORMATS) urls[format.id] = prefix + format.fileName;
  return urls;
}

/**
 * True when a story may appear in public feeds at `now`: usable, past its embargo, and not dated in
 * the future (readers pin future-dated items on top, partners reject them).
 */
export function isReleased(story: Pick<Story, 'status' | 'embargoedUntil' | 'published'>, now: Date): boolean {
  if (story.status !== 'usable') return false;
  if (story.embargoedUntil && story.embargoedUntil.getTime() > now.getTime()) return false;
  return story.published.getTime() <= now.getTime();
}

/** Assembles a feed from items already released and ordered, keeping the newest `limit` (the site's item limit by default). */
export function assembleFeed(
  site: SiteConfig,
  folder: string,
  meta: { title: string; description: string },
  items: RenderedItem[],
  paging?: FeedPaging,
  limit = site.itemLimit,
): Feed {
  const kept = items.slice(0, limit);
  const newest = kept.reduce((max, item) => Math.max(max, Date.parse(item.updated)), EMPTY_FEED_DATE.getTime());
  const updated = new Date(newest);
  return { site, ...meta, urls: feedUrls(site.baseUrl, folder), updated, items: kept, ...(paging && { paging }) };
}
