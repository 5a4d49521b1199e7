import { contentParts, type FeedItem } from './feed-item.js';
import { renderRssItemFrame } from './render/rss.js';
import { renderAtomEntryFrame } from './render/atom.js';
import { renderJsonFeedItemFrame } from './render/json-feed.js';
import { fillFrame, type ContentFrame } from './render/content-frame.js';
import { concatMeasured } from './render/measured-text.js';
import { jsonStringOfParts } from './render/json-string.js';
import { escapeXmlText } from './xml/escape.js';
import { feedForms, ITEM_BYTE_BUDGET, mayFit } from './feed-form.js';

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

/**
 * Renders a feed item's fragments for all three formats, in the fullest of its feed forms that fits
 * the item budget (`feed-form.ts`). The facts (sections, lead image for listings) are the story's
 * whatever form its fragments take.
 */
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
    ...fitted(item).fragments,
  };
}

/**
 * The item in the form feeds carry it (see {@link renderItem}): what a partner feed renders its
 * own variant of, so a body left out of the main feed is left out of every partner feed too.
 */
export function fitItem(item: FeedItem): FeedItem {
  return fitted(item).item;
}

type Fragments = Pick<RenderedItem, 'rss' | 'atom' | 'json'> & { bytes: number };

/** Fitted forms by item: a build hands the same item to the feeds and to every partner feed. */
const fittedForms = new WeakMap<FeedItem, { item: FeedItem; fragments: Fragments }>();

function fitted(item: FeedItem): { item: FeedItem; fragments: Fragments } {
  const known = fittedForms.get(item);
  if (known) return known;
  // Forms are made one by one, fullest first; one that cannot fit is passed over unrendered.
  let last = item;
  let result: { item: FeedItem; fragments: Fragments } | undefined;
  for (const form of feedForms(item)) {
    last = form;
    if (!mayFit(form, ITEM_BYTE_BUDGET)) continue;
    result = { item: form, fragments: renderFragments(form) };
    if (result.fragments.bytes <= ITEM_BYTE_BUDGET) break;
  }
  // The brief form is bounded by the story limits: it is kept even in the unforeseen case it is over.
  if (result?.item !== last) result = { item: last, fragments: renderFragments(last) };
  fittedForms.set(item, result);
  return result;
}

function renderFragments(item: FeedItem): Fragments {
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
    rss: fillFrame(rss, content.text),
    atom: fillFrame(atom, content.text),
    json: fillFrame(json, jsonContent.text),
    bytes: Math.max(frameBytes(rss) + content.bytes, frameBytes(atom) + content.bytes, frameBytes(json) + jsonContent.bytes),
  };
}

function frameBytes(frame: ContentFrame): number {
  return Buffer.byteLength(frame.before) + Buffer.byteLength(frame.after);
}
