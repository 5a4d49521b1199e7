import type { Feed } from '../feed.js';
import { largestFragmentBytes, type RenderedItem } from '../rendered-item.js';

/** Google News reads at most 2 MB of a feed; the subscription feed's item count adapts to stay under. */
const FEED_BYTE_BUDGET = 2 * 1024 * 1024;

/** Room kept for a feed's head (channel, links, namespaces) and item separators. */
const HEAD_ALLOWANCE = 64 * 1024;

/** Bytes the items of one archive page may take in any format, leaving room for the feed's head. */
export const PAGE_ITEM_BUDGET = FEED_BYTE_BUDGET - HEAD_ALLOWANCE;

/** UTF-8 size of an item's largest fragment: carried by the item, measured only for items stored before it was. */
export function itemBytes(item: RenderedItem): number {
  return item.bytes ?? largestFragmentBytes(item);
}

/**
 * Drops the oldest items until every format is under the byte budget (Google News: 2 MB per feed),
 * keeping at least `minItems` (the page still filling, so nothing falls between feed and archives).
 */
export function fitBudget(feed: Feed, minItems: number): Feed {
  // Counted from the items' sizes, never by rendering: each item is charged its largest format,
  // so the sum bounds every format's size.
  let total = HEAD_ALLOWANCE + feed.items.reduce((sum, item) => sum + itemBytes(item), 0);
  let keep = feed.items.length;
  while (keep > minItems && total > FEED_BYTE_BUDGET) {
    keep -= 1;
    total -= itemBytes(feed.items[keep]!);
  }
  return keep === feed.items.length ? feed : { ...feed, items: feed.items.slice(0, keep) };
}
