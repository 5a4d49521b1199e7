import { isReleased } from '../../core/feed.js';
import { windowCapacity, type FeedWindow } from '../../core/incremental/feed-window.js';
import { md5Hex, sourceHash, type FeedFolder } from '../../core/incremental/layout.js';
import { CARRIED_ROOT, carriedKey, claimKey, HELD_KEY, itemKey, orderKey, photoUserKey, recordKey, SECTIONS_KEY, STATE_ROOT, windowKey } from '../../core/incremental/state-keys.js';
import { planStory, type StoryPlan } from '../../core/incremental/plan-story.js';
import { renderFrontFiles, renderWindowFiles, sectionName, sectionSlug, type SectionRegistry } from '../../core/incremental/render-window.js';
import { storeWindow } from '../../core/incremental/window-state.js';
import { encodeFramed } from '../../core/incremental/framed-state.js';
import type { StoryRecord } from '../../core/incremental/story-record.js';
import { claimHash } from '../../core/incremental/uri-claim.js';
import type { MediaCopy } from '../../core/media/published-photo.js';
import { isKilled } from '../../core/partners/killed-story.js';
import { NEWS_SITEMAP_PATH } from '../../core/outputs/news-sitemap.js';
import { feedSetMeta } from '../../core/feed-set-meta.js';
import { FORMATS } from '../../core/formats/registry.js';
import { StoryError } from '../../core/story-error.js';
import type { Story } from '../../core/story.js';
import type { PublishContext } from '../publish/publish-context.js';
import { putRebuildState, RebuildConflictError, restoreFeedFiles } from './rebuild-guard.js';
import { photoUser } from '../publish/photo-users.js';
import { allTogether, forEachInOrder, mapConcurrently } from '../concurrently.js';
import { readStory, scanStories, type ArchiveScan, type ScannedStory } from './scan-stories.js';
import { REBUILD_RUNS_ROOT } from './rebuild-runs.js';
import { FeedRebuild, type PutFile } from './feed-rebuild.js';
import { publishFiles } from '../publish/publish-files.js';
import { SyndicationRebuild } from './syndication-rebuild.js';
import { keptStoryFinder, type KeptStory } from './kept-stories.js';
import { orderArchive, orderInMemory, type ArchiveOrder } from './archive-order.js';
import type { PhotoSource, KnownMedia } from '../../core/ports/story-store.js';
import { PhotoChangedError } from '../../core/ports/site-store.js';

/** What a rebuild did. */
export interface RebuildSummary {
  published: number;
  held: number;
  rejected: StoryError[];
  deleted: number;
  /** Publisher state objects written: on a night when nothing changed, none. */
  stateWritten: number;
  /** One line per refused file whose last good version stays published (`kept-version.ts`). */
  kept: string[];
}

/** Folders the publisher owns in the site bucket; a rebuild deletes anything there it did not produce. */
const OWNED = [STATE_ROOT, 'stories/', 'sections/', 'media/', 'archive/', 'partners/'];

/**
 * Stories read, planned and written at once. Each story's requests depend on each other, but not on
 * other stories': with S3 answering in 10–30 ms, one story at a time is mostly waiting. The Lambda's
 * CPU share (a third of a core at 512 MB) is the next limit, so a few more would not help.
 */
const CONCURRENCY = 8;

/** One story read again, planned and its own objects written, waiting for the feeds to take it. */
type Planned =
  | { facts: ScannedStory; story: Story; hash: string; plan: StoryPlan; itemMd5?: string }
  | { facts: ScannedStory; rejected: StoryError }
  /** `rejected`: the refusal found while planning (a refusal of the scan is already reported). */
  | { facts: ScannedStory; kept: KeptStory; rejected?: StoryError };

/**
 * Re-creates the site and all publisher state from every story (manual recovery, first deploy).
 * Reads the whole archive, so its cost grows with it; the incremental path never calls it. Unchanged
 * files and state are not rewritten (their MD5 is the ETag the listing returns); changed state is
 * written conditionally: a publish during the rebuild wins and the rebuild stops (RebuildConflictError).
 *
 * It reads every story twice so as not to hold the archive: a scan keeps each story's facts (to
 * deduplicate, claim and order), then the stories are published oldest first — read again, planned,
 * their own objects written, several at once — into feeds that write each archive page as it closes.
 * `order`, when given, supplies the first pass and the order done elsewhere (the rebuild state
 * machine's scan map and order step: distributed-scan.ts, run-order.ts).
 */
export async function rebuildSite(ctx: PublishContext, order?: () => Promise<ArchiveOrder>): Promise<RebuildSummary> {
  // What exists, with ETags, before the first story is read: every state write below is conditional
  // on it, so a publish that runs during the rebuild is never overwritten by the rebuild's older view.
  const existing = new Map<string, string>();
  for (const prefix of OWNED) {
    for (const object of (await ctx.state.list(prefix)).objects) existing.set(object.key, object.etag);
  }
  for (const path of ['index.html', 'feeds.opml', 'feed.xsl', 'style.css', ...FORMATS.map((format) => format.fileName), 'feed.html', NEWS_SITEMAP_PATH]) {
    const object = await ctx.state.get(path).catch(() => undefined);
    if (object) existing.set(path, md5Hex(object.body));
  }
  // The order comes after that listing: a distributed rebuild's scan and order ran earlier, in steps
  // of their own, so `order` checks that the content bucket still holds exactly what they read.
  const archive = order ? await order() : orderInMemory(await orderArchive(ctx, await scanArchive(ctx)));
  const { kept, names } = archive;
  const rejected = [...archive.rejected];
  for (const { hash, etags } of kept.values()) {
    // Looked up before that listing (by the order step): a publish of it since would be overwritten.
    for (const [key, etag] of [[recordKey(hash), etags.record], [itemKey(hash), etags.item]] as const) if (existing.get(key) !== etag) throw new RebuildConflictError(key);
  }
  const findKept = keptStoryFinder(ctx);
  const keptLines: string[] = [];

  // What the listing found and the rebuild has not produced (yet): what is left at the end is stale.
  // Kept as what is left, not as what was produced, so memory does not grow with every path written
  // (15 per story for a 4-photo story: 2.2 KB of strings and set entries, measured).
  const unclaimed = new Set(existing.keys());
  const produce = (path: string) => void unclaimed.delete(path);
  let stateWritten = 0;
  const put: PutFile = async (path, body, state, written) => {
    produce(path);
    if (!state) return ctx.writer.publish(path, body, existing.get(path));
    const seen = written ?? existing.get(path);
    // State the rebuild would write back as it found it is left alone: a nightly rebuild of an
    // unchanged archive then writes nothing but what changed, not three objects per story. Whatever
    // a publish wrote there since is newer and stays, as a lost conditional write would leave it.
    if (seen !== undefined && seen === md5Hex(body)) return seen;
    stateWritten += 1;
    return putRebuildState(ctx, path, body, seen);
  };

  const records: Array<{ hash: string; record: StoryRecord }> = [...archive.superseded];

  const feeds = new Map<FeedFolder, FeedRebuild>();
  const capacity = windowCapacity(ctx.config.itemLimit);
  const feedOf = (folder: FeedFolder) => {
    let feed = feeds.get(folder);
    if (!feed) feeds.set(folder, (feed = new FeedRebuild(ctx, folder, capacity, feedSetMeta(ctx.config, folder ? names.get(sectionSlug(folder)!) : undefined), put)));
    return feed;
  };
  feedOf('');

  const held: Array<{ index: number; key: string; releaseAt: string }> = [];
  // What partner feeds carried is history, not derived from the content: its markers are kept.
  for (const key of existing.keys()) if (key.startsWith(CARRIED_ROOT)) produce(key);
  const syndication = new SyndicationRebuild(ctx, (partner, id) => existing.has(carriedKey(partner, id)));
  const refused: Array<{ index: number; error: StoryError }> = [];
  const writeOwnObjects = storyObjectWriter(ctx, new Map(), existing, produce, put);
  let published = 0;
  for await (const partition of archive.partitions()) {
    await forEachInOrder(
      partition,
      CONCURRENCY,
      async (facts): Promise<Planned> => {
        const held = kept.get(facts.key);
        if (held) return { facts, kept: held };
        const object = await ctx.content.readStory(facts.key);
        if (object?.etag !== facts.etag) throw new RebuildConflictError(ctx.content.prefix + facts.key, { what: 'an editor changed' });
        const story = readStory(ctx, facts.key, object.body);
        const hash = sourceHash(facts.key);
        try {
          return { facts, story, hash, ...(await writeOwnObjects(story, facts, hash)) };
        } catch (error) {
          if (!(error instanceof StoryError)) throw error;
          // Its media refused: the last good version stays, where it takes the same place in the feeds' order.
          const held = await findKept(error, facts.index);
          if (held && held.entry.published === facts.published.toISOString()) return { facts, kept: held, rejected: error };
          return { facts, rejected: error };
        }
      },
      async (planned) => {
        if ('kept' in planned) {
          if (planned.rejected) refused.push({ index: planned.facts.index, error: planned.rejected });
          keptLines.push(planned.kept.line);
          const { hash, record, entry, partners, sitemap } = planned.kept;
          // Its own objects stay as the publish of that version wrote them.
          for (const path of [itemKey(hash), ...record.photos, ...record.photos.map((photo) => photoUserKey(photo, hash)), ...record.feeds.map((folder) => orderKey(folder, entry.published, hash))]) produce(path);
          if (record.page) produce(record.page.path);
          published += 1;
          const folders = record.feeds.filter((folder) => folder !== '').sort();
          if (record.feeds.includes('')) folders.push('');
          const pages: Record<FeedFolder, number> = {};
          for (const folder of folders) pages[folder] = await feedOf(folder).add(entry);
          syndication.addKept(partners, sitemap);
          records.push({ hash, record: { ...record, claim: claimHash(entry.id), pages } });
          return;
        }
        if ('rejected' in planned) return void refused.push({ index: planned.facts.index, error: planned.rejected });
        const { story, hash, plan } = planned;
        if (isKilled(story, ctx.now)) syndication.addKilled(hash, story);
        if (!plan.record) return;
        if (plan.record.status === 'held') held.push({ index: planned.facts.index, key: planned.facts.key, releaseAt: plan.record.releaseAt! });
        let pages: Record<FeedFolder, number> | undefined;
        if (plan.entry) {
          published += 1;
          // Sections by folder, then the main feed: the key order of the records rebuilds always wrote.
          const folders = [...plan.changes.keys()].filter((folder) => folder !== '').sort();
          if (plan.changes.has('')) folders.push('');
          pages = {};
          for (const folder of folders) pages[folder] = await feedOf(folder).add(plan.entry);
        }
        if (plan.item) syndication.addPublished(hash, plan.item);
        records.push({ hash, record: { ...plan.record, claim: claimHash(story.id), ...(planned.itemMd5 && { itemMd5: planned.itemMd5 }), ...(pages && { pages }) } });
      },
    );
  }
  // Refusals in the order of the listing, as reports always came.
  rejected.push(...refused.sort((a, b) => a.index - b.index).map(({ error }) => error));
  for await (const claims of archive.claims()) await mapConcurrently(claims, CONCURRENCY, ([hash, claim]) => put(claimKey(hash), JSON.stringify(claim), true));
  // In the order of the listing, as the held list was always written.
  await put(HELD_KEY, JSON.stringify(Object.fromEntries(held.sort((a, b) => a.index - b.index).map(({ key, releaseAt }) => [key, releaseAt]))), true);

  const writeWindow = async (window: FeedWindow, extra: Array<{ path: string; body: string }>) => {
    const files = await publishFiles([...renderWindowFiles(ctx.config, window), ...extra], (file) => put(file.path, file.body, false));
    try {
      await put(windowKey(window.folder), encodeFramed(storeWindow({ ...window, files }, ctx.config.itemLimit), ctx.fragments), true);
    } catch (error) {
      // The files just written are older than the publish that won the window: put its view back.
      if (error instanceof RebuildConflictError) await restoreFeedFiles(ctx, window.folder, files);
      throw error;
    }
  };
  const registry: SectionRegistry = {};
  for (const [folder, feed] of [...feeds].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (folder === '') continue;
    const window = await feed.finish();
    registry[sectionSlug(folder)!] = sectionName(window)!;
    await writeWindow(window, []);
  }
  await put(SECTIONS_KEY, JSON.stringify(registry), true);
  const main = await feedOf('').finish();
  await writeWindow(main, renderFrontFiles(ctx.config, main, registry));
  // Records last, with the archive page of each feed the story is on.
  await mapConcurrently(records, CONCURRENCY, ({ hash, record }) => put(recordKey(hash), JSON.stringify(record), true));
  await syndication.finish(put);

  const stale = [...unclaimed].filter((path) => OWNED.some((prefix) => path.startsWith(prefix)) && !path.startsWith(REBUILD_RUNS_ROOT));
  await mapConcurrently(stale, CONCURRENCY, (path) => (path.startsWith(STATE_ROOT) ? ctx.state.delete(path) : ctx.writer.remove(path)));
  return { published, held: held.length, rejected, deleted: stale.length, stateWritten, kept: keptLines };
}

/** The rebuild's first pass in this invocation: every story file listed, read and parsed. */
async function scanArchive(ctx: PublishContext): Promise<ArchiveScan> {
  const keys = (await ctx.content.listStoryFiles()).map(({ key }) => key);
  return { keys, ...(await scanStories(ctx, keys, CONCURRENCY)) };
}

/**
 * Plans one story and writes what is its own: its photos (each photo once for the whole rebuild) and
 * their user markers, its item, page and order markers. Throws StoryError when the plan refuses it.
 * `media` holds the photos looked up so far, each looked up once for the whole rebuild.
 */
function storyObjectWriter(ctx: PublishContext, media: KnownMedia, existing: Map<string, string>, produce: (path: string) => void, put: PutFile) {
  const ensured = new Map<string, Promise<void>>();
  const ensurePhoto = (copy: MediaCopy, source: PhotoSource) => {
    let done = ensured.get(copy.target);
    if (!done) {
      // Copied only at the version looked up: under its content-versioned path, another version
      // would be cached for a year.
      done = ctx.writer.ensurePhoto(copy.target, source, copy.mimeType).catch((error: unknown) => {
        if (!(error instanceof PhotoChangedError)) throw error;
        throw new RebuildConflictError(error.path, { what: error.removed ? 'an editor removed' : 'an editor changed', cause: error });
      });
      ensured.set(copy.target, done);
    }
    return done;
  };
  return async (story: Story, facts: ScannedStory, hash: string): Promise<{ plan: StoryPlan; itemMd5?: string }> => {
    const loaded = await ctx.content.loadMedia(isReleased(story, ctx.now) ? [story] : [], media);
    const plan = planStory({ key: facts.key, hash, story, etag: facts.etag, previous: undefined, catalog: loaded.catalog, site: ctx.config, now: ctx.now });
    if (!plan.record) return { plan };
    const copies = [...new Map(plan.copies.map((copy) => [copy.target, copy])).values()];
    await mapConcurrently(copies, CONCURRENCY, async (copy) => {
        produce(copy.target);
        const source = loaded.sourceOf(copy.source);
        if (!existing.has(copy.target)) await ensurePhoto(copy, source);
        const marker = photoUserKey(copy.target, hash);
        produce(marker);
        if (!existing.has(marker)) await put(marker, JSON.stringify(photoUser(copy, source)), true);
    });
    const writes: Array<() => Promise<unknown>> = [];
    const item = plan.entry && JSON.stringify(plan.entry);
    if (item) writes.push(() => put(itemKey(hash), item, true));
    const page = plan.page;
    if (page) writes.push(() => put(page.path, page.body, false));
    for (const place of plan.order.put) {
      const marker = orderKey(place.feed, place.published, hash);
      produce(marker);
      if (!existing.has(marker)) writes.push(() => ctx.state.putMarker(marker));
    }
    await allTogether(...writes);
    return { plan, ...(item && { itemMd5: md5Hex(item) }) };
  };
}
