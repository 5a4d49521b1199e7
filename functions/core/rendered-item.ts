import { contentParts, type FeedItem } from './feed-item.js';
import { renderRssItemFrame } from './render/rss.js';
import { renderAtomEntryFrame } from './render/atom.js';
import { renderJsonFeedItemFrame } from './render/json-feed.js';
import { fillFrame, type ContentFrame } from './render/content-frame.js';
import { concatMeasured } from './render/measured-text.js';
import { jsonStringOfParts } from './render/json-string.js';
import { escapeXmlText } from './xml/escape.js';

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
  // The escaped content is most of both XML fragments: escaped and measured once, then shared by
  // them. Measuring each whole fragment instead would also copy it into one flat string. Content
  // is escaped, serialised and measured part by part, which keeps most of it one-byte.
  const parts = contentParts(item);
  const content = concatMeasured(parts.map(escapeXmlText));
  const jsonContent = jsonStringOfParts(parts);
  const rss = renderRssItemFrame(item);
  const atom = renderAtomEntryFrame(item);
  const json = renderJsonFeedItemFrame(item);
  return {
    id: item.story.id,
    published: item.story.published.toISOString(),
    updated: item.story.updated.toISOString(),
    title: item.story.title,
    link: item.link,
    sections: item.story.categories.map(({ slug, name }) => ({ slug, name })),
    ...(lead && { image: { url: lead.thumbnail?.url ?? lead.main.url, alt: lead.caption ?? '' } }),
    rss: fillFrame(rss, content.text),
    atom: fillFrame(atom, content.text),
    json: fillFrame(json, jsonContent.text),
    bytes: Math.max(frameBytes(rss) + content.bytes, frameBytes(atom) + content.bytes, frameBytes(json) + jsonContent.bytes),
  };
}

function frameBytes(frame: ContentFrame): number {
  return Buffer.byteLength(frame.before) + Buffer.byteLength(frame.after);
}
