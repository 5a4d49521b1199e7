import { buildFeedItem, type FeedItem } from '../feed-item.js';
import { storyPath } from '../story-path.js';
import { isReleased } from '../feed.js';
import { planMedia, type MediaCatalog } from '../media/plan-media.js';
import type { MediaCopy } from '../media/published-photo.js';
import { renderStoryPage } from '../pages/story-page.js';
import { renderItem } from '../rendered-item.js';
import type { SiteConfig } from '../site.js';
import { StoryError } from '../story-error.js';
import type { Story } from '../story.js';
import type { WindowChange, WindowEntry } from './feed-window.js';
import { md5Hex, type FeedFolder } from './layout.js';
import type { StoryRecord } from './story-record.js';

/** What is known about one story file when it changed. */
export interface StoryInput {
  key: string;
  hash: string;
  /** The parsed story; undefined when the file was deleted. */
  story: Story | undefined;
  etag?: string;
  previous: StoryRecord | undefined;
  catalog: MediaCatalog;
  site: SiteConfig;
  now: Date;
}

/** A story's place in one feed's order: the feed, and the first publication it is sorted by. */
export interface OrderPlace {
  feed: FeedFolder;
  published: string;
}

/** Everything one story change writes and deletes, in the order the publisher applies it. */
export interface StoryPlan {
  /** The record to store last; undefined deletes it. */
  record: StoryRecord | undefined;
  /** The item object to store (published), or undefined to delete it. */
  entry: WindowEntry | undefined;
  /** The published story as every renderer reads it (partner feeds render their own variant). */
  item?: FeedItem;
  /** Every photo the story shows, once each: its photo set (`photoSetHash`), marked before anything points at them. */
  shown: MediaCopy[];
  /** Those of `shown` the previous version did not show: to ensure in the site bucket. */
  copies: MediaCopy[];
  /** The story page to write, when its bytes changed. */
  page?: { path: string; body: string };
  /** Site paths to delete after the feeds stop pointing at them (old page). */
  removedPages: string[];
  /** Per-feed changes. */
  changes: Map<FeedFolder, WindowChange>;
  /** Places in the feeds' order to record, and to forget (the store keeps one marker per place). */
  order: { put: OrderPlace[]; remove: OrderPlace[] };
  /** Held-list change: a release time to add, or null to remove the key; undefined leaves it. */
  held: string | null | undefined;
}

/**
 * Decides what one changed story file means for the site: publish (or update in place), hold until
 * its embargo passes, or remove everywhere (deleted, canceled, withheld). Throws a StoryError when
 * a released story's media is missing, so the previous version stays published.
 */
export function planStory(input: StoryInput): StoryPlan {
  const { story, previous, hash } = input;
  const wasPublished = previous?.status === 'published';
  const previousFeeds = wasPublished ? previous.feeds : [];
  const previousPlaces = wasPublished && previous.published ? previousFeeds.map((feed) => ({ feed, published: previous.published! })) : [];
  const wasHeld = previous?.status === 'held';

  if (!story || story.status !== 'usable' || !isReleased(story, input.now)) {
    const changes = new Map<FeedFolder, WindowChange>(previousFeeds.map((feed) => [feed, { kind: 'remove', source: hash }]));
    const removal = {
      entry: undefined,
      shown: [],
      copies: [],
      removedPages: previous?.page ? [previous.page.path] : [],
      changes,
      order: { put: [], remove: previousPlaces },
    };
    if (story && story.status === 'usable') {
      const releaseAt = new Date(Math.max(story.embargoedUntil?.getTime() ?? 0, story.published.getTime())).toISOString();
      const record: StoryRecord = { key: input.key, status: 'held', version: story.version, ...(input.etag && { etag: input.etag }), releaseAt, feeds: [], photos: [] };
      return { ...removal, record, held: releaseAt };
    }
    return { ...removal, record: undefined, held: wasHeld ? null : undefined };
  }

  const media = planMedia(story, input.catalog, input.site.baseUrl);
  if (media.problems.length > 0) throw new StoryError(story.source, media.problems);
  const item = buildFeedItem(story, media, input.site.baseUrl);
  const entry: WindowEntry = { ...renderItem(item), source: hash };
  const feeds: FeedFolder[] = ['', ...unique(story.categories.map(({ slug }) => `sections/${slug}`))];
  const changes = new Map<FeedFolder, WindowChange>();
  for (const feed of previousFeeds) changes.set(feed, { kind: 'remove', source: hash });
  for (const feed of feeds) changes.set(feed, { kind: 'upsert', entry });
  const places = feeds.map((feed) => ({ feed, published: entry.published }));

  const path = storyPath(story);
  const body = renderStoryPage(item, input.site);
  const md5 = md5Hex(body);
  const pageChanged = previous?.page?.path !== path || previous.page.md5 !== md5;
  const photos = unique(media.copies.map((copy) => copy.target));
  const kept = new Set(wasPublished ? previous.photos : []);
  const record: StoryRecord = {
    key: input.key,
    status: 'published',
    id: story.id,
    version: story.version,
    ...(input.etag && { etag: input.etag }),
    published: entry.published,
    feeds,
    photos,
    page: { path, md5 },
  };
  return {
    record,
    entry,
    item,
    shown: media.copies,
    copies: media.copies.filter((copy) => !kept.has(copy.target)),
    ...(pageChanged && { page: { path, body } }),
    removedPages: previous?.page && previous.page.path !== path ? [previous.page.path] : [],
    changes,
    order: { put: places.filter((place) => !previousPlaces.some((old) => samePlace(old, place))), remove: previousPlaces.filter((old) => !places.some((place) => samePlace(old, place))) },
    held: wasHeld ? null : undefined,
  };
}

/** Same feed, same instant: ISO strings of one instant may differ in form, so they compare as dates (as the marker keys did). */
function samePlace(a: OrderPlace, b: OrderPlace): boolean {
  return a.feed === b.feed && Math.max(0, Date.parse(a.published)) === Math.max(0, Date.parse(b.published));
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
