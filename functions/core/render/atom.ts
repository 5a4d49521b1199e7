import { FH_NAMESPACE, pagingLinks, type Feed } from '../feed.js';
import type { FeedItem } from '../feed-item.js';
import { formatRfc3339 } from '../dates.js';
import { escapeXmlAttr as attr, escapeXmlText as text } from '../xml/escape.js';
import { GENERATOR, NS } from './namespaces.js';
import { fillFrame, type ContentFrame } from './content-frame.js';
import { xslInstruction } from '../pages/feed-xsl.js';

/**
 * Atom 1.0 (RFC 4287). The feed-level `author` (the site) satisfies §4.1.1 for entries without a
 * byline; every photo is a `link rel="enclosure"` with its exact type and length (§4.2.7.2).
 */
export function renderAtom(feed: Feed): string {
  const lang = feed.site.language ? ` xml:lang="${attr(feed.site.language)}"` : '';
  const history = feed.paging?.archive ? ` xmlns:fh="${FH_NAMESPACE}"` : '';
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n${xslInstruction(feed.site)}<feed xmlns="${NS.atom}"${history}${lang}>\n`;
  out += `<id>${text(feed.urls.atom)}</id>\n<title type="text">${text(feed.title)}</title>\n<subtitle type="text">${text(feed.description)}</subtitle>\n`;
  out += `<updated>${formatRfc3339(feed.updated)}</updated>\n`;
  out += `<link rel="self" type="application/atom+xml" href="${attr(feed.urls.atom)}"/>\n`;
  out += `<link rel="alternate" type="text/html" href="${attr(feed.urls.home)}"/>\n`;
  for (const hub of feed.site.hubs) out += `<link rel="hub" href="${attr(hub)}"/>\n`;
  for (const link of pagingLinks(feed.paging, 'atom')) out += `<link rel="${link.rel}" type="application/atom+xml" href="${attr(link.href)}"/>\n`;
  if (feed.paging?.archive) out += '<fh:archive/>\n';
  out += `<author><name>${text(feed.site.title)}</name><uri>${text(feed.site.baseUrl + '/')}</uri></author>\n`;
  out += `<generator uri="${attr(GENERATOR.uri)}">${GENERATOR.name}</generator>\n`;
  for (const item of feed.items) out += item.atom;
  return out + '</feed>\n';
}

/** One `<entry>`: depends only on the item, so it can be rendered once and reused in every feed. */
export function renderAtomEntry(item: FeedItem): string {
  return fillFrame(renderAtomEntryFrame(item), text(item.contentHtml));
}

/** {@link renderAtomEntry} around its escaped content. */
export function renderAtomEntryFrame(item: FeedItem): ContentFrame {
  const { story } = item;
  const lang = story.language ? ` xml:lang="${attr(story.language)}"` : '';
  let out = `<entry${lang}>\n<id>${text(story.id)}</id>\n<title type="text">${text(story.title)}</title>\n`;
  out += `<updated>${formatRfc3339(story.updated)}</updated>\n<published>${formatRfc3339(story.published)}</published>\n`;
  for (const author of story.authors) out += `<author><name>${text(author)}</name></author>\n`;
  out += `<link rel="alternate" type="text/html" href="${attr(item.link)}"/>\n`;
  for (const photo of item.photos) {
    const length = photo.main.bytes !== undefined ? ` length="${photo.main.bytes}"` : '';
    out += `<link rel="enclosure" type="${attr(photo.main.mimeType)}"${length} title="${attr(photo.label)}" href="${attr(photo.main.url)}"/>\n`;
  }
  for (const category of story.categories) {
    const scheme = category.scheme ? ` scheme="${attr(category.scheme)}"` : '';
    out += `<category term="${attr(category.slug)}" label="${attr(category.name)}"${scheme}/>\n`;
  }
  if (story.copyright ?? story.credit) out += `<rights type="text">${text((story.copyright ?? story.credit)!)}</rights>\n`;
  out += `<summary type="text">${text(item.summaryText)}</summary>\n`;
  return { before: `${out}<content type="html">`, after: '</content>\n</entry>\n' };
}
