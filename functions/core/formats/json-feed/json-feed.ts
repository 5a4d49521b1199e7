import type { FeedDocument } from '../feed-format.js';
import type { FeedItem } from '../../feed-item.js';
import { formatRfc3339 } from '../../dates.js';
import { fillFrame, type ContentFrame } from '../content-frame.js';

/** JSON Feed 1.1 version URL; a reader keys its parsing on it. */
const VERSION = 'https://jsonfeed.org/version/1.1';

/**
 * JSON Feed 1.1. Items are serialised one by one and joined, so each item's JSON can be rendered
 * once and reused; the result is still one valid JSON document, two-space indented at the top level.
 */
export function renderJsonFeed(feed: FeedDocument): string {
  const head = {
    version: VERSION,
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.selfUrl,
    description: feed.description,
    ...(feed.site.language && { language: feed.site.language }),
    authors: [{ name: feed.site.title, url: `${feed.site.baseUrl}/` }],
    ...(feed.site.hubs.length > 0 && { hubs: feed.site.hubs.map((url) => ({ type: 'WebSub', url })) }),
    // JSON Feed 1.1 pagination: `next_url` leads to older items, here the newest archive page.
    ...(feed.paging?.prevArchive && { next_url: feed.paging.prevArchive }),
    ...(feed.paging?.archive && { _wirefeed: { archive: true, ...(feed.paging.current && { current: feed.paging.current }) } }),
  };
  const headJson = JSON.stringify(head);
  const items = feed.items.join(',\n');
  return `${headJson.slice(0, -1)},"items":[\n${items}\n]}\n`;
}

/** One item as a JSON object text; depends only on the item. */
export function renderJsonFeedItem(item: FeedItem): string {
  return fillFrame(renderJsonFeedItemFrame(item), JSON.stringify(item.contentHtml));
}

/** {@link renderJsonFeedItem} around the JSON string of its `content_html`. */
export function renderJsonFeedItemFrame(item: FeedItem): ContentFrame {
  const { story } = item;
  const lead = item.photos[0];
  // Members before and after `content_html`, serialised apart in the order a whole object has them.
  const before = JSON.stringify({ id: story.id, url: item.link, title: story.title });
  const after = JSON.stringify({
    summary: item.summaryText,
    ...(lead && { image: lead.main.url }),
    date_published: formatRfc3339(story.published),
    date_modified: formatRfc3339(story.updated),
    ...(story.authors.length > 0 && { authors: story.authors.map((name) => ({ name })) }),
    ...(story.categories.length > 0 && { tags: story.categories.map((category) => category.name) }),
    ...(story.language && { language: story.language }),
    ...(item.photos.length > 0 && {
      attachments: item.photos.map((photo) => ({
        url: photo.main.url,
        mime_type: photo.main.mimeType,
        title: photo.label,
        ...(photo.main.bytes !== undefined && { size_in_bytes: photo.main.bytes }),
      })),
    }),
  });
  return { before: `${before.slice(0, -1)},"content_html":`, after: `,${after.slice(1)}` };
}
