import { contentParts, type FeedItem } from './feed-item.js';
import { fillFrame, type ContentFrame } from './formats/content-frame.js';
import type { FeedFormat } from './formats/feed-format.js';
import type { MeasuredText } from './formats/measured-text.js';
import { FORMATS, type FormatId } from './formats/registry.js';
import { feedForms, ITEM_BYTE_BUDGET, mayFit } from './feed-form.js';

/**
 * A story rendered once for every format (its fragment under each format's id), plus the few facts
 * feeds are assembled by. Feeds are built by concatenating these fragments, so a story is rendered
 * once however many feeds (main, sections, archives) carry it, and an incremental publish can store
 * and reuse it as plain JSON.
 */
export type RenderedItem = ItemFacts & FormatFragments;

/** An item's fragment in every registered format. */
export type FormatFragments = Record<FormatId, string>;

/** What feeds are assembled by, whatever the format. */
export interface ItemFacts {
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
  /**
   * UTF-8 bytes of the largest of the item's fragments: what the feed byte budget counts. Carried
   * with the item so outputs never measure fragment text (a streaming build may hand them tokens
   * in place of the text). Absent in state stored before it existed; then it is measured.
   */
  bytes?: number;
}

/**
 * Renders a feed item's fragments for every format, in the fullest of its feed forms that fits
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

type Fragments = FormatFragments & { bytes: number };

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
  // The escaped content is most of every fragment: each encoding of it (XML text for RSS and Atom,
  // a JSON string for JSON Feed) is made and measured once, then shared by the formats using it.
  // Measuring each whole fragment instead would also copy it into one flat string. Content is
  // encoded and measured part by part, which keeps most of it one-byte.
  const parts = contentParts(item);
  const encoded = new Map<FeedFormat['encodeContent'], MeasuredText>();
  const fragments = {} as FormatFragments;
  let bytes = 0;
  for (const format of FORMATS) {
    let content = encoded.get(format.encodeContent);
    if (!content) {
      content = format.encodeContent(parts);
      encoded.set(format.encodeContent, content);
    }
    const frame = format.renderItemFrame(item);
    fragments[format.id] = fillFrame(frame, content.text);
    bytes = Math.max(bytes, frameBytes(frame) + content.bytes);
  }
  return { ...fragments, bytes };
}

function frameBytes(frame: ContentFrame): number {
  return Buffer.byteLength(frame.before) + Buffer.byteLength(frame.after);
}

/** The fragment keys of a rendered item: every registered format's id. */
export const FRAGMENT_KEYS: readonly FormatId[] = FORMATS.map((format) => format.id);

/** UTF-8 size of an item's largest fragment, each measured by `byteLength` (a token measures as the bytes it names). */
export function largestFragmentBytes(item: FormatFragments, byteLength: (text: string) => number = Buffer.byteLength): number {
  let largest = 0;
  for (const key of FRAGMENT_KEYS) largest = Math.max(largest, byteLength(item[key]));
  return largest;
}

/** The item without its fragments: its facts, and whatever else the holder added. */
export function withoutFragments<T extends FormatFragments>(item: T): Omit<T, FormatId> {
  const facts: Record<string, unknown> = {};
  for (const key of Object.keys(item)) if (!isFragmentKey(key)) facts[key] = item[key as keyof T];
  return facts as Omit<T, FormatId>;
}

/** True for the key of a format's fragment. */
export function isFragmentKey(key: string): key is FormatId {
  return (FRAGMENT_KEYS as readonly string[]).includes(key);
}
