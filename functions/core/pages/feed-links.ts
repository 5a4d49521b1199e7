import type { FeedUrls } from '../feed.js';
import { escapeXmlAttr as attr } from '../xml/escape.js';

/** Visible links to a feed set's three feeds, as every page shows them. */
export function feedLinks(urls: FeedUrls): string {
  return `<a href="${attr(urls.rss)}">RSS</a> <a href="${attr(urls.atom)}">Atom</a> <a href="${attr(urls.json)}">JSON Feed</a>`;
}

/**
 * `<link rel="alternate">` autodiscovery of a feed set's feeds, so a reader given a page URL finds
 * them. `title` is plain text (attribute-escaped here).
 */
export function feedAlternates(title: string, urls: FeedUrls): string {
  return [
    `<link rel="alternate" type="application/rss+xml" title="${attr(title)} (RSS)" href="${attr(urls.rss)}">`,
    `<link rel="alternate" type="application/atom+xml" title="${attr(title)} (Atom)" href="${attr(urls.atom)}">`,
    `<link rel="alternate" type="application/feed+json" title="${attr(title)} (JSON Feed)" href="${attr(urls.json)}">`,
  ].join('\n') + '\n';
}
