import type { FeedItem } from './feed-item.js';
import { renderRssItem } from './render/rss.js';
import { renderAtomEntry } from './render/atom.js';
import { renderJsonFeedItem } from './render/json-feed.js';

/**
 * A story rendered once for every format, plus the few facts feeds are assembled by. Feeds are
 * built by concatenating these fragments, so a story is rendered once however many feeds (main,
 * sections, archives) carry it, and an incremental publish can store and reuse it as plain JSON.
 */
export interface RenderedItem {
  id: string;
  /** ISO 8601 dates (JSON-friendly); compare as strings only after `Date` parsing. */
  published: string;
  updated: string;
  title: string;
  link: string;
  /** Sections the story belongs to. */
  sections: Array<{ slug: string; name: string }>;
  /** Lead photo for listings (index page), when the story has one. */
  image?: { url: string; alt: string };
  rss: string;
  atom: string;
  json: string;
  /**
   * UTF-8 bytes of the largest of the three fragments: what the feed byte budget counts. Carried
   * with the item so outputs never measure fragment text (a streaming build may hand them tokens
   * in place of the text). Absent in state stored before it existed; then it is measured.
   */
  bytes?: number;
}

/** Renders a feed item's fragments for all three formats. */
export function renderItem(item: FeedItem): RenderedItem {
  const lead = item.photos[0];
  return {
    id: item.story.id,
    published: item.story.published.toISOString(),
    updated: item.story.updated.toISOString(),
    title: item.story.title,
    link: item.link,
    sections: item.story.categories.map(({ slug, name }) => ({ slug, name })),
    ...(lead && { image: { url: lead.thumbnail?.url ?? lead.main.url, alt: lead.caption ?? '' } }),
    ...withSize({ rss: renderRssItem(item), atom: renderAtomEntry(item), json: renderJsonFeedItem(item) }),
  };
}

function withSize(fragments: { rss: string; atom: string; json: string }): { rss: string; atom: string; json: string; bytes: number } {
  const bytes = Math.max(Buffer.byteLength(fragments.rss), Buffer.byteLength(fragments.atom), Buffer.byteLength(fragments.json));
  return { ...fragments, bytes };
}
