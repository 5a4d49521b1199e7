import type { FeedDocument } from '../feed-format.js';
import { formatRfc3339 } from '../../dates.js';
import { escapeXmlAttr as attr, escapeXmlText as text } from '../../xml/escape.js';
import { FEED_HISTORY, historyLinks } from '../feed-history.js';
import { GENERATOR } from '../generator.js';
import { xslInstruction } from '../xml-stylesheet.js';
import { ATOM_NAMESPACE_URI } from './atom-namespace.js';

/** Media type of an Atom document, and the `type` of links to one. */
export const ATOM_MEDIA_TYPE = 'application/atom+xml';

/**
 * Atom 1.0 (RFC 4287). The feed-level `author` (the site) satisfies §4.1.1 for entries without a
 * byline (the entries: `atom-entry.ts`).
 */
export function renderAtom(feed: FeedDocument): string {
  const lang = feed.site.language ? ` xml:lang="${attr(feed.site.language)}"` : '';
  const history = feed.paging?.archive ? ` xmlns:${FEED_HISTORY.prefix}="${FEED_HISTORY.uri}"` : '';
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n${xslInstruction(feed.site)}<feed xmlns="${ATOM_NAMESPACE_URI}"${history}${lang}>\n`;
  out += `<id>${text(feed.selfUrl)}</id>\n<title type="text">${text(feed.title)}</title>\n<subtitle type="text">${text(feed.description)}</subtitle>\n`;
  out += `<updated>${formatRfc3339(feed.updated)}</updated>\n`;
  out += `<link rel="self" type="${ATOM_MEDIA_TYPE}" href="${attr(feed.selfUrl)}"/>\n`;
  out += `<link rel="alternate" type="text/html" href="${attr(feed.homeUrl)}"/>\n`;
  for (const hub of feed.site.hubs) out += `<link rel="hub" href="${attr(hub)}"/>\n`;
  for (const link of historyLinks(feed.paging)) out += `<link rel="${link.rel}" type="${ATOM_MEDIA_TYPE}" href="${attr(link.href)}"/>\n`;
  if (feed.paging?.archive) out += '<fh:archive/>\n';
  out += `<author><name>${text(feed.site.title)}</name><uri>${text(feed.site.baseUrl + '/')}</uri></author>\n`;
  out += `<generator uri="${attr(GENERATOR.uri)}">${GENERATOR.name}</generator>\n`;
  for (const item of feed.items) out += item;
  return out + '</feed>\n';
}
