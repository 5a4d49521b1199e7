import type { WindowEntry } from '../../core/incremental/feed-window.js';
import { md5Hex, sourceHash, type FeedFolder } from '../../core/incremental/layout.js';
import type { StoryPlan } from '../../core/incremental/plan-story.js';
import type { StoryRecord } from '../../core/incremental/story-record.js';
import { claimHash } from '../../core/incremental/uri-claim.js';
import type { MediaCopy } from '../../core/media/published-photo.js';
import { isKilled } from '../../core/partners/killed-story.js';
import { StoryError } from '../../core/story-error.js';
import type { Story } from '../../core/story.js';
import type { PhotoSource, KnownMedia } from '../../core/ports/story-store.js';
import { PhotoChangedError } from '../../core/ports/site-store.js';
import type { PublishContext } from '../publish/publish-context.js';
import { memberBody, photoSetOf, userBody, type PhotoSet } from '../publish/photo-users.js';
import { allTogether, mapConcurrently } from '../concurrently.js';
import type { PutFile } from './feed-rebuild.js';
import { RebuildConflictError } from './rebuild-guard.js';
import { planScanned, readStory, type ScannedStory } from './scan-stories.js';
import type { SyndicationRebuild } from './syndication-rebuild.js';

/**
 * One story of a rebuild read again, planned and its own objects written: what the feeds, the held
 * list and the records then take, oldest first. `kept`: a refused file whose last good version the
 * order step found (placed from that version). `refused`: the plan refused it (its media); its last
 * good version may still be kept. `none`: nothing to record (a take-down of a story never published).
 */
export type RenderedStory =
  | { kind: 'kept' }
  | { kind: 'refused'; error: StoryError }
  | { kind: 'none' }
  /** `record` with its claim and item MD5, without the archive pages (known when the feeds take it). */
  | { kind: 'placed'; hash: string; record: StoryRecord; entry?: WindowEntry; folders: FeedFolder[] };

/** What rendering stories reads and writes through. */
export interface RenderDeps {
  /** The ETag (MD5) of a site or state object as the rebuild found it; undefined when absent. */
  etagOf: (path: string) => string | undefined | Promise<string | undefined>;
  /** Records a path as produced by the rebuild (not stale). */
  produce: (path: string) => void;
  put: PutFile;
  /** Takes each published story's item and each take-down. */
  syndication: SyndicationRebuild;
  /** Content keys of refused files whose last good version is kept. */
  kept: ReadonlySet<string> | ReadonlyMap<string, unknown>;
}

/** Stories' photos copied at once. */
const CONCURRENCY = 8;

/**
 * Renders stories of a rebuild, each on its own: reads it again (its ETag must be the scan's, or
 * RebuildConflictError), plans it, writes its photos and their user markers, its item, page and
 * order markers, and hands its item to the partner shortlists and the sitemap. The one-invocation
 * rebuild renders every story with it; the state machine's render children, a partition each.
 */
export function storyRenderer(ctx: PublishContext, deps: RenderDeps): (facts: ScannedStory) => Promise<RenderedStory> {
  const writeOwnObjects = storyObjectWriter(ctx, new Map(), deps);
  return async (facts) => {
    if (deps.kept.has(facts.key)) return { kind: 'kept' };
    const object = await ctx.content.readStory(facts.key, facts.from);
    if (object?.etag !== facts.etag) throw new RebuildConflictError(ctx.content.prefix + facts.key, { what: 'an editor changed' });
    const story = readStory(ctx, facts.key, object.body);
    const hash = sourceHash(facts.key);
    let written: { plan: StoryPlan; itemMd5?: string };
    try {
      written = await writeOwnObjects(story, facts, hash);
    } catch (error) {
      if (!(error instanceof StoryError)) throw error;
      return { kind: 'refused', error };
    }
    const { plan, itemMd5 } = written;
    if (isKilled(story, ctx.now)) deps.syndication.addKilled(hash, story);
    if (!plan.record) return { kind: 'none' };
    if (plan.item) deps.syndication.addPublished(hash, plan.item);
    // Sections by folder, then the main feed: the key order of the records rebuilds always wrote.
    const folders = [...plan.changes.keys()].filter((folder) => folder !== '').sort();
    if (plan.changes.has('')) folders.push('');
    const record: StoryRecord = { ...plan.record, claim: claimHash(story.id), ...(itemMd5 && { itemMd5 }) };
    return { kind: 'placed', hash, record, ...(plan.entry && { entry: plan.entry }), folders: plan.entry ? folders : [] };
  };
}

/**
 * Plans one story and writes what is its own: its photos (each photo once per renderer) and their
 * user markers, its item, page and order markers. Throws StoryError when the plan refuses it.
 * `media` holds the photos looked up so far, each looked up once per renderer.
 */
function storyObjectWriter(ctx: PublishContext, media: KnownMedia, { etagOf, produce, put }: RenderDeps) {
  const ensured = new Map<string, Promise<void>>();
  /** Copies a photo this renderer found absent (`etagOf`), once. */
  const ensurePhoto = (copy: MediaCopy, source: PhotoSource) => {
    let done = ensured.get(copy.target);
    if (!done) {
      // Copied only at the version looked up: under its content-versioned path, another version
      // would be cached for a year.
      done = ctx.writer.ensurePhoto(copy.target, source, copy.mimeType, true).catch((error: unknown) => {
        if (!(error instanceof PhotoChangedError)) throw error;
        throw new RebuildConflictError(error.path, { what: error.removed ? 'an editor removed' : 'an editor changed', cause: error });
      });
      ensured.set(copy.target, done);
    }
    return done;
  };
  const marked = new Map<string, Promise<void>>();
  /**
   * The story's member marker of its photo set, and the set's marker on each photo, as a publish
   * writes them. A member found in place means its set's markers are too (a set keeps them while it
   * has a member), so only a new member writes them, once per renderer, and without asking for them
   * first (no story owns them, so no listing answers for them; the same key always gets the same
   * bytes). They go before the member: a run stopped between them leaves markers a later run
   * writes again, never a member without its markers.
   */
  const joinSet = async (set: PhotoSet, hash: string) => {
    const member = ctx.state.keys.photoSetMember(set.hash, hash);
    produce(member);
    for (const photo of set.photos) produce(ctx.state.keys.photoUser(photo.target, set.hash));
    if ((await etagOf(member)) !== undefined) return;
    let markers = marked.get(set.hash);
    if (!markers) marked.set(set.hash, (markers = mapConcurrently(set.photos, CONCURRENCY, (photo) => ctx.state.put(ctx.state.keys.photoUser(photo.target, set.hash), userBody(photo))).then(() => undefined)));
    await markers;
    await put(member, memberBody(set), true);
  };
  return async (story: Story, facts: ScannedStory, hash: string): Promise<{ plan: StoryPlan; itemMd5?: string }> => {
    const { plan, loaded } = await planScanned(ctx, story, { key: facts.key, hash, etag: facts.etag }, media);
    if (!plan.record) return { plan };
    await mapConcurrently(plan.copies, CONCURRENCY, async (copy) => {
      produce(copy.target);
      if ((await etagOf(copy.target)) === undefined) await ensurePhoto(copy, loaded.sourceOf(copy.source));
    });
    if (plan.shown.length > 0) await joinSet(photoSetOf(plan.shown, loaded), hash);
    const writes: Array<() => Promise<unknown>> = [];
    const item = plan.entry && JSON.stringify(plan.entry);
    if (item) writes.push(() => put(ctx.state.keys.item(hash), item, true));
    const page = plan.page;
    if (page) writes.push(() => put(page.path, page.body, false));
    for (const place of plan.order.put) {
      const marker = ctx.state.keys.order(place.feed, place.published, hash);
      produce(marker);
      writes.push(async () => {
        if ((await etagOf(marker)) === undefined) await ctx.state.putMarker(marker);
      });
    }
    await allTogether(...writes);
    return { plan, ...(item && { itemMd5: md5Hex(item) }) };
  };
}
