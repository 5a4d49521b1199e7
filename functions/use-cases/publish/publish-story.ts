import { isReleased } from '../../core/feed.js';
import { planStory, type StoryPlan } from '../../core/incremental/plan-story.js';
import { md5Hex, sourceHash } from '../../core/incremental/layout.js';
import type { StoryRecord } from '../../core/incremental/story-record.js';
import { parseStoryCompact as parseStory } from '../../core/ninjs/parse-story-compact.js';
import type { Story } from '../../core/story.js';
import { StoryError } from '../../core/story-error.js';
import { KeptVersionError } from '../../core/kept-version.js';
import { ensurePhotos, leavePhotoSet, photoSetOf, type StepPhotoWrites } from './photo-users.js';
import { photoSetHash } from '../../core/incremental/photo-set.js';
import type { KnownMedia } from '../../core/ports/story-store.js';
import { updateFeeds, type ArchivePages } from './update-feeds.js';
import { forgetCarried, updateSyndication } from './syndication.js';
import { settleClaim, settleOthers, type ClaimOutcome } from './uri-claims.js';
import { storyScope, type PublishContext } from './publish-context.js';
import { allTogether, mapConcurrently, REQUESTS_AT_ONCE } from '../concurrently.js';

/** Held stories: content key → release time (ISO 8601). */
export type HeldList = Record<string, string>;

/** What happened to one story file. */
export type StoryOutcome = 'published' | 'held' | 'removed' | 'superseded';

/**
 * Brings the site in line with the current state of one story file. The file is read again rather
 * than trusting the event, so duplicated or reordered notifications converge on the same result.
 * Order matters for failures: photos, item and page first; then feeds; then cleanup; the record
 * last, so a retry still knows what the previous version published. Throws StoryError for a bad story.
 * A file whose uri another file publishes with a newer version is `superseded`: it publishes
 * nothing (`uri-claims.ts`). `republish` rewrites the page even if its bytes look unchanged.
 * A batch of files runs the same three steps, its feeds once for all (`publish-batch.ts`).
 */
export async function publishStory(invocation: PublishContext, key: string, options: { republish?: boolean; depth?: number } = {}): Promise<StoryOutcome> {
  const ctx = storyScope(invocation);
  const prepared = await prepareStory(ctx, await readStoryFile(ctx, key), options);
  const pages = await publishFeeds(ctx, [prepared]);
  return finishStory(ctx, prepared, pages.get(prepared.hash)!, options.depth ?? 0);
}

/** A story file as read: its story (undefined: the file is gone) and its record. */
export interface ReadStory {
  key: string;
  hash: string;
  object: { etag: string } | undefined;
  story: Story | undefined;
  previous: StoryRecord | undefined;
}

/** Reads a story file and its record, and parses the story; reads only, so a refused story leaves nothing half-written. */
export async function readStoryFile(ctx: PublishContext, key: string): Promise<ReadStory> {
  const hash = sourceHash(key);
  // The story and its record do not depend on each other: read together.
  const [object, stored] = await Promise.all([ctx.content.readStory(key), ctx.state.readJson<StoryRecord>(ctx.state.keys.record(hash))]);
  const previous = stored?.value;
  const story: Story | undefined = object ? keepingPrevious(previous, () => parseStory(object.body, { source: ctx.content.prefix + key, baseUrl: ctx.config.baseUrl })) : undefined;
  return { key, hash, object: object && { etag: object.etag }, story, previous };
}

/** A story file whose own objects are written: what its feeds and its clean-up still need. */
export interface PreparedStory extends ReadStory {
  /** The story this file publishes: none when another file of the same uri wins. */
  current: Story | undefined;
  claim: ClaimOutcome;
  plan: StoryPlan;
  itemMd5: string | undefined;
}

/**
 * Photo look-ups, copy checks and photo set markers shared by the stories of one batch step while
 * they prepare together: a photo many of them show is looked up and checked once, a set many of
 * them share marks its photos once (`StepPhotoWrites` says why that is safe only within the step).
 */
export interface StepPhotos extends StepPhotoWrites {
  known: KnownMedia;
}

/**
 * A story's own work before its feeds: its claim, its plan, its item, photos and page, and its
 * places in the feeds' order. Markers go after the item and photos (a concurrent refill that finds
 * one reads the item and renders the photos) and before the windows (a concurrent refill finds the
 * new story); they are removed before the windows (a concurrent refill does not bring a removed story back).
 */
export async function prepareStory(ctx: PublishContext, read: ReadStory, options: { republish?: boolean; photos?: StepPhotos } = {}): Promise<PreparedStory> {
  const { key, hash, object, story, previous } = read;
  const known = options.republish && previous?.page ? { ...previous, page: { ...previous.page, md5: '' } } : previous;
  const releasing = story !== undefined && isReleased(story, ctx.now);
  const media = await ctx.content.loadMedia(releasing ? [story] : [], options.photos?.known);
  const planOf = (current: Story | undefined) =>
    keepingPrevious(previous, () => planStory({ key, hash, story: current, ...(object && { etag: object.etag }), previous: known, catalog: media.catalog, site: ctx.config, now: ctx.now }));
  // A version refused while the last good one stays published is refused before its claim: the
  // file keeps the claim of the version it keeps publishing (a rebuild writes the claims from it).
  const planned = story !== undefined && keepsVersion(previous) ? planOf(story) : undefined;
  const claim = await settleClaim(ctx, key, story, previous);
  const current = claim.owns ? story : undefined;
  const plan = current !== undefined && planned !== undefined ? planned : planOf(current);

  const item = plan.entry && JSON.stringify(plan.entry);
  const itemMd5 = item && md5Hex(item);
  // The item is publisher state that nothing finds before the order markers, so it goes with the
  // photos. The page shows the photos: it waits for them, so it never names a missing one.
  await allTogether(
    async () => {
      // The record names the item it was written after, so an unchanged item (a duplicate delivery) is not written again.
      if (item && !(previous?.status === 'published' && previous.itemMd5 === itemMd5)) await ctx.state.put(ctx.state.keys.item(hash), item);
    },
    async () => {
      const set = photoSetOf(plan.shown, media);
      // The same set as the last version's: its member and markers are there (it leaves it only after its feeds).
      if (!(previous?.status === 'published' && sameSet(previous.photos, set.hash))) await ensurePhotos(ctx, hash, set, plan.copies, media, options.photos);
      if (plan.page) await ctx.writer.publish(plan.page.path, plan.page.body);
    },
  );
  await mapConcurrently(plan.order.put, REQUESTS_AT_ONCE, (place) => ctx.state.putMarker(ctx.state.keys.order(place.feed, place.published, hash)));
  await mapConcurrently(plan.order.remove, REQUESTS_AT_ONCE, (place) => ctx.state.delete(ctx.state.keys.order(place.feed, place.published, hash)));
  return { ...read, current, claim, plan, itemMd5 };
}

/**
 * The feeds of a set of prepared stories (at most one per uri), each read and written once for all:
 * site feeds, and partner feeds and the sitemap, separate state objects that only point at the
 * pages and photos written before, so they go together. Returns, per source, its archive pages.
 */
export async function publishFeeds(ctx: PublishContext, stories: readonly PreparedStory[]): Promise<Map<string, ArchivePages>> {
  let pages = new Map<string, ArchivePages>();
  await allTogether(
    async () => void (pages = await updateFeeds(ctx, stories.map(({ hash, plan, previous }) => ({ source: hash, changes: plan.changes, ...(previous?.status === 'published' && { previous }) })))),
    () => updateSyndication(ctx, stories.map(({ hash, current, plan, previous }) => ({ hash, story: current, item: plan.item, previous }))),
  );
  return pages;
}

/**
 * A story's clean-up after its feeds stopped pointing at what goes, then its record, then the other
 * files of its uri. The held list, the item and old pages are independent; photos are released
 * after the old pages are gone (a page never shows a deleted photo).
 */
export async function finishStory(ctx: PublishContext, prepared: PreparedStory, pages: ArchivePages, depth: number): Promise<StoryOutcome> {
  const { key, hash, object, story, previous, claim, plan, itemMd5 } = prepared;
  const releaseAt = plan.held;
  await allTogether(
    async () => {
      if (releaseAt === undefined) return;
      await ctx.state.updateJson<HeldList>(ctx.state.keys.held, async (current) => {
        const held = { ...(current ?? {}) };
        if (releaseAt === null) {
          if (!(key in held)) return undefined;
          delete held[key];
        } else {
          if (held[key] === releaseAt) return undefined;
          held[key] = releaseAt;
        }
        return held;
      });
    },
    async () => {
      await mapConcurrently(plan.removedPages.filter((path) => !claim.keepPages.has(path)), REQUESTS_AT_ONCE, (path) => ctx.writer.remove(path));
      const shown = plan.shown.map((copy) => copy.target);
      if (shown.length === 0 || !sameSet(previous?.photos ?? [], photoSetHash(shown))) await leavePhotoSet(ctx, hash, previous?.photos ?? []);
    },
    async () => {
      if (!plan.entry && previous?.status === 'published') await ctx.state.delete(ctx.state.keys.item(hash));
    },
    async () => {
      if (claim.vacated !== undefined) await forgetCarried(ctx, claim.vacated);
    },
  );
  const record: StoryRecord | undefined = plan.record
    ? { ...(plan.entry ? { ...plan.record, pages } : plan.record), ...(claim.hash && { claim: claim.hash }), ...(itemMd5 && { itemMd5 }) }
    : story && claim.hash
      ? { key, status: 'superseded', version: story.version, ...(object && { etag: object.etag }), claim: claim.hash, feeds: [], photos: [] }
      : undefined;
  // Only the publisher of this one key writes its record, so it is not conditional. Last, after
  // everything above (a retry still knows what the previous version published), and before
  // settleOthers reads the claim: two files of one uri each write their record, then read the
  // claim, so at least one of them sees the other's record (read together, both could miss it).
  if (record) {
    if (JSON.stringify(record) !== JSON.stringify(previous)) await ctx.state.put(ctx.state.keys.record(hash), JSON.stringify(record));
  } else if (previous) await ctx.state.delete(ctx.state.keys.record(hash));
  // Bounded: the files this one retires or hands its uri to settle in one more step.
  if (depth < 2) await settleOthers(ctx, key, claim, (other, again) => publishStory(ctx, other, { ...again, depth: depth + 1 }));
  if (claim.tie) throw claim.tie;
  return record?.status ?? 'removed';
}

/** Whether the photos a record names are the set `set` (an empty list is in no set). */
function sameSet(photos: readonly string[], set: string): boolean {
  return photos.length > 0 && photoSetHash(photos) === set;
}

/**
 * Reads or plans the stored version. One that is refused (it does not parse, or its media cannot be
 * published) is refused before anything is written, so the last good version stays published as it
 * is; the error then says which version that is.
 */
function keepingPrevious<T>(previous: StoryRecord | undefined, run: () => T): T {
  try {
    return run();
  } catch (error) {
    const kept = keepsVersion(previous) ? previous.version : undefined;
    if (error instanceof StoryError && kept !== undefined) throw new KeptVersionError(error, kept);
    throw error;
  }
}

/** Whether the file's last good version stays published (or held) when a new one is refused. */
function keepsVersion(previous: StoryRecord | undefined): previous is StoryRecord {
  return previous?.status === 'published' || previous?.status === 'held';
}
