import type { FeedUrls } from '../feed.js';
import { FORMATS } from '../formats/registry.js';
import { escapeXmlAttr as attr } from '../xml/escape.js';

/** Visible links to a feed set's feeds, one per format, as every page shows them. */
export function feedLinks(urls: FeedUrls): string {
  return FORMATS.map((format) => `<a href="${attr(urls[format.id])}">${format.label}</a>`).join(' ');
}

/**
 * `<link rel="alternate">` autodiscovery of a feed set's feeds, so a reader given a page URL finds
 * them. `title` is plain text (attribute-escaped here).
 */
export function feedAlternates(title: string, urls: FeedUrls): string {
  return FORMATS.map((format) => `<link rel="alternate" type="${format.mediaType}" title="${attr(title)} (${format.label})" href="${attr(urls[format.id])}">\n`).join('');
}
