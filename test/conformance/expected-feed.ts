import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStory } from '../../functions/core/ninjs/parse-story.js';
import { storyPath } from '../../functions/core/story-path.js';
import type { Story } from '../../functions/core/story.js';
import type { BuiltSite, FeedFile } from './build-sites.js';
import type { FeedFormat } from './reader-report.js';

/** A photo as every reader must see it. */
export interface ExpectedPhoto {
  url: string;
  type: string;
  /** Bytes: the file's size for our media, the declared size for external URLs, else null. */
  length: number | null;
}

/** An item as every reader must see it, worked out from the source story, not from the feed. */
export interface ExpectedItem {
  id: string;
  title: string;
  link: string;
  published: number;
  updated: number;
  authors: string[];
  /** RSS and JSON Feed carry the category name; Atom the term, which is the section slug. */
  categories: Record<FeedFormat, string[]>;
  photos: ExpectedPhoto[];
}

/**
 * IANA-registered image types. A source's `image/jpg` is not one (RFC 2046 registers `image/jpeg`);
 * partners that validate types reject it, so the expected type is the registered name.
 */
const REGISTERED_IMAGE_TYPE: Readonly<Record<string, string>> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg', 'image/x-png': 'image/png' };

/** The registered MIME type a photo must be published with. */
export function registeredImageType(type: string): string {
  return REGISTERED_IMAGE_TYPE[type] ?? type;
}

/** Every story of a content folder that parses (rejections are checked separately). */
export function sourceStories(site: BuiltSite): Story[] {
  const dir = join(site.contentDir, 'stories');
  const stories: Story[] = [];
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.json')).sort()) {
    try {
      stories.push(parseStory(readFileSync(join(dir, name)), { source: name, baseUrl: site.site.baseUrl }));
    } catch {
      // Refused stories are asserted by the rejection tests; they are in no feed.
    }
  }
  return stories;
}

/**
 * Every story a feed set (main, or the section `slug`) has ever published, newest first (first
 * publication, then id): the released stories, the last version winning when a uri appears twice.
 */
export function feedSetHistory(built: BuiltSite, slug: string | undefined, stories: Story[]): Story[] {
  const now = built.now;
  return [...latestVersions(stories).values()]
    .filter((story) => story.status === 'usable' && story.published <= now && (!story.embargoedUntil || story.embargoedUntil <= now))
    .filter((story) => slug === undefined || story.categories.some((category) => category.slug === slug))
    .sort((a, b) => b.published.getTime() - a.published.getTime() || (a.id < b.id ? -1 : 1));
}

/** The newest version of each story, by uri. */
export function latestVersions(stories: Story[]): Map<string, Story> {
  const latest = new Map<string, Story>();
  for (const story of stories) {
    const known = latest.get(story.id);
    if (!known || story.updated.getTime() > known.updated.getTime()) latest.set(story.id, story);
  }
  return latest;
}

/** `sections/<slug>[/archive/<n>]` → slug and archive page; the main feed set has no slug. */
export function feedSetOf(folder: string): { slug: string | undefined; page: number | undefined } {
  const match = /^(?:sections\/([^/]+))?\/?(?:archive\/(\d+))?$/.exec(folder);
  return { slug: match?.[1], page: match?.[2] === undefined ? undefined : Number(match[2]) };
}

/**
 * Items a subscription feed or archive page must hold, from the source stories alone. The
 * subscription feed holds the newest `itemLimit`; RFC 5005 archive page n (1 = oldest) holds the
 * n-th run of `itemLimit` stories counted from the oldest, newest first (none of our fixtures
 * reaches the 2 MB page budget that would close a page early).
 */
export function expectedItems(feed: FeedFile, stories: Story[]): ExpectedItem[] {
  const limit = feed.site.site.itemLimit;
  const { slug, page } = feedSetOf(feed.folder);
  const history = feedSetHistory(feed.site, slug, stories);
  if (page === undefined) return history.slice(0, limit).map((story) => expectItem(story, feed.site));
  const oldestFirst = [...history].reverse();
  return oldestFirst.slice((page - 1) * limit, page * limit).reverse().map((story) => expectItem(story, feed.site));
}

/** An item as the source story says every reader must see it. */
export function expectItem(story: Story, built: BuiltSite): ExpectedItem {
  const names = story.categories.map((category) => category.name);
  return {
    id: story.id,
    title: story.title.trim(),
    link: `${built.site.baseUrl}/${storyPath(story)}`,
    published: Math.floor(story.published.getTime() / 1000),
    updated: Math.floor(story.updated.getTime() / 1000),
    authors: story.authors,
    categories: { rss: names, json: names, atom: story.categories.map((category) => category.slug) },
    photos: story.photos.map((photo) => expectPhoto(photo.renditions[0]!, built)),
  };
}

/**
 * Where a photo must be: external http(s) URLs as given (normalised by the WHATWG URL parser, which
 * percent-encodes spaces and non-ASCII), our own files under `media/<first 16 hex of MD5>/<name>`
 * with the name percent-encoded, and the size read from the file on disk.
 */
function expectPhoto(rendition: Story['photos'][number]['renditions'][number], built: BuiltSite): ExpectedPhoto {
  const type = registeredImageType(rendition.mimeType);
  if (/^https?:\/\//i.test(rendition.href)) return { url: new URL(rendition.href).href, type, length: rendition.bytes ?? null };
  const path = decodeURI(rendition.href);
  const bytes = readFileSync(join(built.contentDir, path));
  const hash = createHash('md5').update(bytes).digest('hex').slice(0, 16);
  const name = path.slice(path.lastIndexOf('/') + 1);
  return { url: `${built.site.baseUrl}/media/${hash}/${encodeURIComponent(name)}`, type, length: bytes.byteLength };
}
