import { dedupeStories } from '../core/dedupe-stories.js';
import { isReleased } from '../core/feed.js';
import { windowCapacity, windowFromAll, type FeedWindow, type WindowEntry } from '../core/incremental/feed-window.js';
import { HELD_KEY, itemKey, md5Hex, photoUserKey, recordKey, SECTIONS_KEY, sourceHash, STATE_ROOT, windowKey, type FeedFolder } from '../core/incremental/layout.js';
import { planStory, type StoryPlan } from '../core/incremental/plan-story.js';
import { renderFrontFiles, renderWindowFiles, sectionName, type SectionRegistry } from '../core/incremental/render-window.js';
import { storeWindow } from '../core/incremental/window-state.js';
import { parseStoryCompact as parseStory } from '../core/ninjs/parse-story-compact.js';
import { StoryError } from '../core/story-error.js';
import type { Story } from '../core/story.js';
import { listStoryKeys, loadStoryMedia, readStoryObject } from '../adapters/s3-content.js';
import { deleteObject, getObject, listObjects, putObject } from '../adapters/s3-store.js';
import type { PublishContext } from './publish-context.js';
import { putRebuildState, RebuildConflictError, restoreFeedFiles } from './publish-rebuild-guard.js';
import type { PhotoUser } from './publish-media.js';
import { rebuildArchive } from './publish-archives.js';
import { rebuildSyndication } from './publish-partners.js';
import type { StoryRecord } from '../core/incremental/story-record.js';
import { claimHash, claimKey, claimsOf } from '../core/incremental/uri-claim.js';
import type { FeedItem } from '../core/feed-item.js';
import { isKilled } from '../core/partners/killed-story.js';
import { NEWS_SITEMAP_PATH } from '../core/outputs/news-sitemap.js';

/** What a rebuild did. */
export interface RebuildSummary {
  published: number;
  held: number;
  rejected: StoryError[];
  deleted: number;
}

/** Folders the publisher owns in the site bucket; a rebuild deletes anything there it did not produce. */
const OWNED = [STATE_ROOT, 'stories/', 'sections/', 'media/', 'archive/', 'partners/'];

/**
 * Re-creates the site and all publisher state from every story (manual recovery, first deploy).
 * Reads the whole archive, so its cost grows with it; the incremental path never calls it. Unchanged
 * public files are not rewritten (their MD5 is the ETag the listing returns); state is rewritten,
 * conditionally: a publish during the rebuild wins and the rebuild stops (RebuildConflictError).
 */
export async function rebuildSite(ctx: PublishContext): Promise<RebuildSummary> {
  // What exists, with ETags, before the first story is read: every state write below is conditional
  // on it, so a publish that runs during the rebuild is never overwritten by the rebuild's older view.
  const existing = new Map<string, string>();
  for (const prefix of OWNED) {
    for (const object of (await listObjects(ctx.site, prefix)).objects) existing.set(object.key, object.etag);
  }
  for (const path of ['index.html', 'feeds.opml', 'feed.xsl', 'style.css', 'rss.xml', 'atom.xml', 'feed.json', NEWS_SITEMAP_PATH]) {
    const object = await getObject(ctx.site, path).catch(() => undefined);
    if (object) existing.set(path, md5Hex(object.body));
  }
  const rejected: StoryError[] = [];
  const parsed: Array<{ story: Story; key: string; etag: string }> = [];
  for (const key of await listStoryKeys(ctx.content)) {
    try {
      const object = await readStoryObject(ctx.content, key);
      if (!object) continue;
      parsed.push({ story: parseStory(object.body, { source: ctx.content.prefix + key, baseUrl: ctx.config.baseUrl }), key, etag: object.etag });
    } catch (error) {
      // A read failure is not a bad story: the rebuild stops rather than drop the story everywhere.
      if (!(error instanceof StoryError)) throw error;
      rejected.push(error);
    }
  }
  const deduped = dedupeStories(parsed.map(({ story }) => story));
  rejected.push(...deduped.rejected);
  const kept = new Set(deduped.stories);

  const produced = new Set<string>();
  const put = async (path: string, body: string, state: boolean) => {
    produced.add(path);
    if (state) existing.set(path, await putRebuildState(ctx, path, body, existing.get(path)));
    else await ctx.writer.publish(path, body, existing.get(path));
  };

  const cache = new Map<string, Uint8Array | null>();
  const held: Record<string, string> = {};
  const ensured = new Set<string>();
  const feeds = new Map<FeedFolder, WindowEntry[]>();
  const records: Array<{ hash: string; record: StoryRecord }> = [];
  const syndicated: Array<{ hash: string; item: FeedItem }> = [];
  let published = 0;
  // Which file publishes each uri, as the incremental path keeps it (`uri-claim.ts`); the others are superseded.
  const claims = claimsOf(parsed, new Set(parsed.filter(({ story }) => kept.has(story)).map(({ key }) => key)));
  for (const { story, key, etag } of parsed) {
    const hash = sourceHash(key);
    if (!kept.has(story)) {
      records.push({ hash, record: { key, status: 'superseded', version: story.version, etag, claim: claimHash(story.id), feeds: [], photos: [] } });
      continue;
    }
    const media = await loadStoryMedia(ctx.content, isReleased(story, ctx.now) ? [story] : [], cache);
    let plan: StoryPlan;
    try {
      plan = planStory({ key, hash, story, etag, previous: undefined, catalog: media.catalog, site: ctx.config, now: ctx.now });
    } catch (error) {
      if (error instanceof StoryError) {
        rejected.push(error);
        continue;
      }
      throw error;
    }
    if (!plan.record) continue;
    if (plan.record.status === 'held') held[key] = plan.record.releaseAt!;
    for (const copy of plan.copies) {
      produced.add(copy.target);
      // Once per photo, not once per story showing it: `existing` is the listing from before the rebuild.
      if (!existing.has(copy.target) && !ensured.has(copy.target)) {
        await ctx.writer.ensurePhoto(copy.target, media.bytes.get(copy.source)!, copy.mimeType);
        ensured.add(copy.target);
      }
      const marker = photoUserKey(copy.target, hash);
      produced.add(marker);
      if (!existing.has(marker)) await put(marker, JSON.stringify({ source: copy.source, mimeType: copy.mimeType } satisfies PhotoUser), true);
    }
    if (plan.entry) {
      published += 1;
      await put(itemKey(hash), JSON.stringify(plan.entry), true);
      for (const [folder] of plan.changes) {
        const entries = feeds.get(folder);
        if (entries) entries.push(plan.entry);
        else feeds.set(folder, [plan.entry]);
      }
    }
    if (plan.page) await put(plan.page.path, plan.page.body, false);
    for (const marker of plan.markers.put) {
      produced.add(marker);
      if (!existing.has(marker)) await putObject(ctx.site, marker, '', { contentType: 'application/octet-stream', cacheControl: 'no-store' });
    }
    records.push({ hash, record: { ...plan.record, claim: claimHash(story.id), ...(plan.entry && { itemMd5: md5Hex(JSON.stringify(plan.entry)) }) } });
    if (plan.item) syndicated.push({ hash, item: plan.item });
  }
  for (const [hash, claim] of claims) await put(claimKey(hash), JSON.stringify(claim), true);
  await put(HELD_KEY, JSON.stringify(held), true);

  const capacity = windowCapacity(ctx.config.itemLimit);
  const registry: SectionRegistry = {};
  const writeWindow = async (window: FeedWindow, extra: Array<{ path: string; body: string }>) => {
    const files: Record<string, string> = {};
    for (const file of [...renderWindowFiles(ctx.config, window), ...extra]) {
      await put(file.path, file.body, false);
      files[file.path] = md5Hex(file.body);
    }
    try {
      await put(windowKey(window.folder), JSON.stringify(storeWindow({ ...window, files }, ctx.config.itemLimit)), true);
    } catch (error) {
      // The files just written are older than the publish that won the window: put its view back.
      if (error instanceof RebuildConflictError) await restoreFeedFiles(ctx, window.folder, files);
      throw error;
    }
  };
  const pagesOf = new Map<string, Record<FeedFolder, number>>();
  const archived = async (window: FeedWindow, entries: WindowEntry[]) => {
    const result = await rebuildArchive(ctx, window, entries, put);
    for (const [hash, page] of result.pageOf) pagesOf.set(hash, { ...pagesOf.get(hash), [window.folder]: page });
    return result.window;
  };
  for (const [folder, entries] of [...feeds].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (folder === '') continue;
    const window = await archived(windowFromAll(folder, entries, capacity), entries);
    registry[folder.slice('sections/'.length)] = sectionName(window)!;
    await writeWindow(window, []);
  }
  await put(SECTIONS_KEY, JSON.stringify(registry), true);
  const main = await archived(windowFromAll('', feeds.get('') ?? [], capacity), feeds.get('') ?? []);
  await writeWindow(main, renderFrontFiles(ctx.config, main, registry));
  // Records last, with the archive page of each feed the story is on.
  for (const { hash, record } of records) await put(recordKey(hash), JSON.stringify(pagesOf.has(hash) ? { ...record, pages: pagesOf.get(hash) } : record), true);
  const killed = parsed.filter(({ story }) => kept.has(story) && isKilled(story, ctx.now)).map(({ story, key }) => ({ story, hash: sourceHash(key) }));
  await rebuildSyndication(ctx, syndicated, killed, put);

  let deleted = 0;
  for (const [path] of existing) {
    if (produced.has(path) || !OWNED.some((prefix) => path.startsWith(prefix))) continue;
    if (path.startsWith(STATE_ROOT)) await deleteObject(ctx.site, path);
    else await ctx.writer.remove(path);
    deleted += 1;
  }
  return { published, held: Object.keys(held).length, rejected, deleted };
}
