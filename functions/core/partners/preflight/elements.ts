import type { CheckedFeed, CheckedItem } from './checked-feed.js';
import type { FeedRule, ItemRule, Severity } from './rule.js';

interface Cite {
  severity: Severity;
  source: string;
}

/** Item elements a partner may require, with how to tell they are there. */
const ITEM_ELEMENTS = {
  guid: (item: CheckedItem) => Boolean(item.id?.trim()),
  link: (item: CheckedItem) => Boolean(item.link?.trim()),
  description: (item: CheckedItem) => Boolean(item.description?.trim()),
  'content:encoded': (item: CheckedItem) => Boolean(item.content?.trim()),
  body: (item: CheckedItem) => Boolean(item.content?.trim() || item.description?.trim()),
  'dc:creator': (item: CheckedItem) => item.creators.some((name) => name.trim()),
  'media:thumbnail': (item: CheckedItem) => item.thumbnails.length > 0,
} as const;

/** Names of item elements rules can require. */
export type ItemElement = keyof typeof ITEM_ELEMENTS;

/** The item has `element` (guid, link, description, body, dc:creator…). */
export function itemElement({ severity, source, element }: Cite & { element: ItemElement }): ItemRule {
  const present = ITEM_ELEMENTS[element];
  return { id: `item-${element.replace(':', '-')}`, scope: 'item', severity, source, check: (item) => (present(item) ? undefined : `item has no ${element}`) };
}

/** The plain-text description has at least `min` characters. */
export function descriptionLength({ severity, source, min }: Cite & { min: number }): ItemRule {
  return {
    id: 'description-length',
    scope: 'item',
    severity,
    source,
    check(item) {
      const length = [...(item.description?.trim() ?? '')].length;
      return length < min ? `description is ${length} characters; at least ${min} wanted` : undefined;
    },
  };
}

/** Channel elements a partner may require. */
const CHANNEL_ELEMENTS = {
  title: (feed: CheckedFeed) => feed.title,
  link: (feed: CheckedFeed) => feed.link,
  description: (feed: CheckedFeed) => feed.description,
  language: (feed: CheckedFeed) => feed.language,
  'snf:logo': (feed: CheckedFeed) => feed.logo,
} as const;

/** The channel has `element`. */
export function channelElement({ severity, source, element }: Cite & { element: keyof typeof CHANNEL_ELEMENTS }): FeedRule {
  const read = CHANNEL_ELEMENTS[element];
  return { id: `channel-${element.replace(':', '-')}`, scope: 'feed', severity, source, check: (feed) => (read(feed)?.trim() ? undefined : `channel has no ${element}`) };
}

/** The channel description is at most `max` characters (SmartNews: 30). */
export function channelDescriptionLength({ severity, source, max }: Cite & { max: number }): FeedRule {
  return {
    id: 'channel-description-length',
    scope: 'feed',
    severity,
    source,
    check(feed) {
      const length = [...(feed.description?.trim() ?? '')].length;
      return length > max ? `channel description is ${length} characters; at most ${max}` : undefined;
    },
  };
}

/** The root element declares every namespace in `uris` (prefix → URI). */
export function namespacesDeclared({ severity, source, uris }: Cite & { uris: Record<string, string> }): FeedRule {
  return {
    id: 'namespaces',
    scope: 'feed',
    severity,
    source,
    check(feed) {
      const missing = Object.entries(uris).filter(([, uri]) => !feed.namespaces.includes(uri));
      return missing.length > 0 ? `missing namespace declarations: ${missing.map(([prefix, uri]) => `xmlns:${prefix}="${uri}"`).join(', ')}` : undefined;
    },
  };
}
