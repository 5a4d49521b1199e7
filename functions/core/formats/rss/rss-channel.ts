import type { FeedDocument } from '../feed-format.js';
import { formatRfc822 } from '../../dates.js';
import { escapeXmlText as text } from '../../xml/escape.js';
import { declareNamespaces } from '../xml-namespace.js';
import { FEED_HISTORY, historyLinks } from '../feed-history.js';
import { GENERATOR } from '../generator.js';
import { xslInstruction } from '../xml-stylesheet.js';
import { atomLink } from './namespaces/atom-link.js';
import { RSS_NAMESPACES } from './rss-namespaces.js';

/** Media type of an RSS document, and the `type` of links to one. */
export const RSS_MEDIA_TYPE = 'application/rss+xml';

/**
 * RSS 2.0 following the RSS Best Practices Profile: `atom:link rel="self"`, `description` before
 * `content:encoded`, names in `dc:creator` (RSS `author` wants an e-mail), a non-URL guid marked
 * `isPermaLink="false"`, at most one `enclosure` (the lead photo) and Media RSS for every photo
 * (the items: `rss-item.ts`).
 */
export function renderRss(feed: FeedDocument): string {
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n${xslInstruction(feed.site)}`;
  const namespaces = feed.paging?.archive ? [...RSS_NAMESPACES, FEED_HISTORY] : RSS_NAMESPACES;
  out += `<rss version="2.0"${declareNamespaces(namespaces)}>\n<channel>\n`;
  out += `<title>${text(feed.title)}</title>\n<link>${text(feed.homeUrl)}</link>\n<description>${text(feed.description)}</description>\n`;
  if (feed.site.language) out += `<language>${text(feed.site.language)}</language>\n`;
  // Both dates come from the newest story, never the clock: an unchanged feed must stay byte-identical.
  out += `<pubDate>${formatRfc822(feed.updated)}</pubDate>\n<lastBuildDate>${formatRfc822(feed.updated)}</lastBuildDate>\n`;
  out += `<generator>${GENERATOR.name}</generator>\n<docs>https://www.rssboard.org/rss-specification</docs>\n`;
  out += atomLink('self', feed.selfUrl, RSS_MEDIA_TYPE);
  for (const hub of feed.site.hubs) out += atomLink('hub', hub);
  for (const link of historyLinks(feed.paging)) out += atomLink(link.rel, link.href, RSS_MEDIA_TYPE);
  if (feed.paging?.archive) out += '<fh:archive/>\n';
  for (const item of feed.items) out += item;
  return out + '</channel>\n</rss>\n';
}
