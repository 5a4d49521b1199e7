import { FH_NAMESPACE, pagingLinks, type Feed } from '../feed.js';
import type { FeedItem } from '../feed-item.js';
import type { PublishedPhoto } from '../media/published-photo.js';
import { formatRfc3339, formatRfc822 } from '../dates.js';
import { escapeXmlAttr as attr, escapeXmlText as text } from '../xml/escape.js';
import { renderMediaContents } from './media-rss.js';
import { fillFrame, type ContentFrame } from './content-frame.js';
import { GENERATOR, NS } from './namespaces.js';
import { xslInstruction } from '../pages/feed-xsl.js';

/**
 * RSS 2.0 following the RSS Best Practices Profile: `atom:link rel="self"`, `description` before
 * `content:encoded`, names in `dc:creator` (RSS `author` wants an e-mail), a non-URL guid marked
 * `isPermaLink="false"`, at most one `enclosure` (the lead photo) and Media RSS for every photo.
 */
export function renderRss(feed: Feed): string {
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n${xslInstruction(feed.site)}`;
  const history = feed.paging?.archive ? ` xmlns:fh="${FH_NAMESPACE}"` : '';
  out += `<rss version="2.0" xmlns:atom="${NS.atom}" xmlns:content="${NS.content}" xmlns:dc="${NS.dc}" xmlns:dcterms="${NS.dcterms}" xmlns:media="${NS.media}"${history}>\n<channel>\n`;
  out += `<title>${text(feed.title)}</title>\n<link>${text(feed.urls.home)}</link>\n<description>${text(feed.description)}</description>\n`;
  if (feed.site.language) out += `<language>${text(feed.site.language)}</language>\n`;
  // Both dates come from the newest story, never the clock: an unchanged feed must stay byte-identical.
  out += `<pubDate>${formatRfc822(feed.updated)}</pubDate>\n<lastBuildDate>${formatRfc822(feed.updated)}</lastBuildDate>\n`;
  out += `<generator>${GENERATOR.name}</generator>\n<docs>https://www.rssboard.org/rss-specification</docs>\n`;
  out += `<atom:link rel="self" type="application/rss+xml" href="${attr(feed.urls.rss)}"/>\n`;
  for (const hub of feed.site.hubs) out += `<atom:link rel="hub" href="${attr(hub)}"/>\n`;
  for (const link of pagingLinks(feed.paging, 'rss')) out += `<atom:link rel="${link.rel}" type="application/rss+xml" href="${attr(link.href)}"/>\n`;
  if (feed.paging?.archive) out += '<fh:archive/>\n';
  for (const item of feed.items) out += item.rss;
  return out + '</channel>\n</rss>\n';
}

/**
 * How a partner's copy of an item differs from the main feed's (`partners/partner-item.ts`).
 * Identity and dates never vary: a partner sees the same story, not a copy.
 */
export interface RssItemVariant {
  /** Photos with the partner's rendition choice; defaults to the item's. */
  photos?: readonly PublishedPhoto[];
  /** False for summary-only partners: no `content:encoded`. */
  fullText?: boolean;
  /** Names for `dc:creator`; defaults to the story's authors. */
  creators?: readonly string[];
  /** Makes the item a kill notice (MSN): an expiry in the past, in DCMI Period syntax. */
  validUntil?: Date;
  /** Profile-specific elements, already escaped, appended before `</item>`. */
  extra?: string;
}

/** One `<item>`: depends only on the item, so it can be rendered once and reused in every feed. */
export function renderRssItem(item: FeedItem, variant: RssItemVariant = {}): string {
  const frame = renderRssItemFrame(item, variant);
  return variant.fullText === false ? frame.before + frame.after : fillFrame(frame, text(item.contentHtml));
}

/** {@link renderRssItem} around its escaped content; a summary-only variant has none, and the frame no gap. */
export function renderRssItemFrame(item: FeedItem, variant: RssItemVariant = {}): ContentFrame {
  const { story } = item;
  const photos = variant.photos ?? item.photos;
  let out = `<item>\n<title>${text(story.title)}</title>\n<link>${text(item.link)}</link>\n`;
  out += `<guid isPermaLink="false">${text(story.id)}</guid>\n`;
  out += `<pubDate>${formatRfc822(story.published)}</pubDate>\n`;
  // MSN detects corrections by a newer modified date with the same id.
  out += `<dcterms:modified>${formatRfc3339(story.updated)}</dcterms:modified>\n`;
  if (variant.validUntil) out += `<dcterms:valid>end=${formatRfc3339(variant.validUntil)};</dcterms:valid>\n`;
  // Readers render an item description as HTML, so plain text is HTML-escaped before the XML escape:
  // a summary that mentions `<b>` shows those characters instead of turning bold (or worse).
  out += `<description>${text(text(item.summaryText))}</description>\n`;
  const fullText = variant.fullText !== false;
  const before = fullText ? `${out}<content:encoded>` : out;
  let after = fullText ? '</content:encoded>\n' : '';
  for (const creator of variant.creators ?? story.authors) after += `<dc:creator>${text(creator)}</dc:creator>\n`;
  for (const category of story.categories) {
    after += category.scheme ? `<category domain="${attr(category.scheme)}">${text(category.name)}</category>\n` : `<category>${text(category.name)}</category>\n`;
  }
  if (story.copyright ?? story.credit) after += `<dc:rights>${text((story.copyright ?? story.credit)!)}</dc:rights>\n`;
  const lead = photos[0];
  // RSS allows one enclosure; `length` is required, 0 when an external photo declares no size.
  if (lead) after += `<enclosure url="${attr(lead.main.url)}" length="${lead.main.bytes ?? 0}" type="${attr(lead.main.mimeType)}"/>\n`;
  after += renderMediaContents(photos);
  after += variant.extra ?? '';
  return { before, after: `${after}\n</item>\n` };
}
