import type { Story } from './story.js';
import type { PublishedPhoto } from './media/published-photo.js';
import { photoFigureParts } from './html/photo-figure.js';
import { encodePath, type MediaPlan } from './media/plan-media.js';
import { htmlToPlainText } from './html/sanitize-body.js';
import { storyPath } from './story-path.js';
import { truncateText } from './text/truncate.js';

/** A story as every feed format shows it: absolute link, text summary, body with its photos. */
export interface FeedItem {
  story: Story;
  /** Absolute URL of the story's page on the site. */
  link: string;
  /** Plain-text summary (RSS description, Atom summary, JSON Feed summary). */
  summaryText: string;
  /** Body HTML with every photo shown as a figure, all URLs absolute. */
  contentHtml: string;
  /** `contentHtml` in the parts it was made of (not enumerable); see {@link contentParts}. */
  readonly contentParts?: ContentParts;
  photos: PublishedPhoto[];
}

/**
 * The parts a content HTML was concatenated from: the body, and each figure in parts. V8 stores
 * a string one byte per character only if every character fits, so one dash in a figure caption
 * would make the whole content two bytes per character; kept apart, the body (most of it) and
 * most of each figure stay one-byte, and escaping, measuring and serialising them part by part is
 * far cheaper (and so is the garbage it leaves).
 */
export interface ContentParts {
  /** The content these parts make: they belong to that string, not to whatever an item holds now. */
  of: string;
  /** `of === parts.join('')` */
  parts: readonly string[];
}

/**
 * An item's content in parts. Parts are used only for the very string they were cut from: an
 * item whose `contentHtml` was replaced afterwards has its content as one part.
 */
export function contentParts(item: Pick<FeedItem, 'contentHtml' | 'contentParts'>): readonly string[] {
  return item.contentParts?.of === item.contentHtml ? item.contentParts.parts : [item.contentHtml];
}

/** Characters of body text used as a summary when the story has none. */
const SUMMARY_FALLBACK_LENGTH = 300;

/**
 * Combines a story with its published photos into the item every renderer reads. Body images that
 * point at a content media file are moved to that file's published (content-versioned) URL, and
 * each photo the body does not already show is appended as a figure.
 */
export function buildFeedItem(story: Story, media: Pick<MediaPlan, 'photos' | 'copies'>, baseUrl: string): FeedItem {
  const { photos } = media;
  const sitePrefix = `${baseUrl}/`;
  // Every media path and every photo of our own starts with the site's URL: a body that never
  // names the site (most wire copy) needs one scan here instead of one per copy and per photo.
  const namesSite = story.bodyHtml.includes(sitePrefix);
  let bodyHtml = story.bodyHtml;
  if (namesSite) {
    for (const copy of media.copies) bodyHtml = bodyHtml.replaceAll(`${sitePrefix}${encodePath(copy.source)}"`, `${sitePrefix}${encodePath(copy.target)}"`);
  }
  const mentions = (url: string) => (namesSite || !url.startsWith(sitePrefix)) && bodyHtml.includes(`${url}"`);
  const shown = (photo: PublishedPhoto) => mentions(photo.main.url) || (photo.thumbnail !== undefined && mentions(photo.thumbnail.url));
  const figures = photos.filter((photo) => !shown(photo)).map((photo) => photoFigureParts(photo, baseUrl));
  const parts = bodyAndFigures(bodyHtml, figures);
  const contentHtml = concatLazily(parts);
  const item: FeedItem = {
    story,
    link: `${baseUrl}/${storyPath(story)}`,
    summaryText: story.summary ?? truncateText(htmlToPlainText(bodyHtml), SUMMARY_FALLBACK_LENGTH),
    contentHtml,
    photos,
  };
  // Not enumerable: the parts repeat the content, so an item stored as JSON, structured-cloned or
  // spread into a copy leaves them out (the copy's content is one part) instead of doubling it.
  return Object.defineProperty(item, 'contentParts', { value: { of: contentHtml, parts } satisfies ContentParts });
}

/**
 * The content's parts: the body and each figure, one per line, no empty line for an empty body.
 * The newline is a part of its own: JSON escapes it, and a long part with nothing but quotes to
 * escape takes the quick path of `render/json-string.ts`.
 */
function bodyAndFigures(bodyHtml: string, figures: readonly string[][]): string[] {
  const parts = bodyHtml.length > 0 ? [bodyHtml] : [];
  for (const figure of figures) {
    if (figure.length === 0) continue;
    if (parts.length > 0) parts.push('\n');
    parts.push(...figure);
  }
  return parts;
}

/**
 * `parts.join('')` by concatenation: V8 keeps a concatenation as a tree of its parts and copies
 * it into one string only when something reads it whole, which the feed renderers (working on
 * the parts) never do; `join` would copy at once, two-byte if any part is.
 */
function concatLazily(parts: readonly string[]): string {
  let joined = '';
  for (const part of parts) joined += part;
  return joined;
}
