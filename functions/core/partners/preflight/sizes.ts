import type { FeedRule, ItemRule, Severity } from './rule.js';

interface Cite {
  severity: Severity;
  source: string;
}

const MB = 1024 * 1024;

function megabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(2)} MB`;
}

/** One item's markup is at most `max` bytes (Google News: 1 MB per article). */
export function itemBytesMax({ severity, source, max }: Cite & { max: number }): ItemRule {
  return { id: 'item-size', scope: 'item', severity, source, check: (item) => (item.bytes > max ? `item is ${megabytes(item.bytes)}; at most ${megabytes(max)}` : undefined) };
}

/** The whole file is at most `max` bytes (Google News 2 MB; SmartNews 1 MB recommended). */
export function feedBytesMax({ severity, source, max }: Cite & { max: number }): FeedRule {
  return { id: 'feed-size', scope: 'feed', severity, source, check: (feed) => (feed.bytes > max ? `feed is ${megabytes(feed.bytes)}; at most ${megabytes(max)}` : undefined) };
}

/** The XML declaration names UTF-8 (or none, which means UTF-8). */
export function encodingUtf8({ severity, source }: Cite): FeedRule {
  return { id: 'encoding', scope: 'feed', severity, source, check: (feed) => (/^utf-8$/i.test(feed.encoding) ? undefined : `encoding is ${feed.encoding}; must be UTF-8`) };
}
