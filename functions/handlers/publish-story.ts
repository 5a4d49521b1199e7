import { isReleased } from '../core/feed.js';
import { planStory } from '../core/incremental/plan-story.js';
import { HELD_KEY, itemKey, recordKey, sourceHash } from '../core/incremental/layout.js';
import type { StoryRecord } from '../core/incremental/story-record.js';
import { parseStoryCompact as parseStory } from '../core/ninjs/parse-story-compact.js';
import type { Story } from '../core/story.js';
import { loadStoryMedia, readStoryObject } from '../adapters/s3-content.js';
import { deleteObject, putObject } from '../adapters/s3-store.js';
import { readJson, updateJson } from '../adapters/s3-state.js';
import { ensurePhotos, releasePhotos } from './publish-media.js';
import { updateFeeds } from './publish-feeds.js';
import type { PublishContext } from './publish-context.js';

/** Held stories: content key → release time (ISO 8601). */
export type HeldList = Record<string, string>;

/** What happened to one story file. */
export type StoryOutcome = 'published' | 'held' | 'removed';

/**
 * Brings the site in line with the current state of one story file. The file is read again rather
 * than trusting the event, so duplicated or reordered notifications converge on the same result.
 * Order matters for failures: photos, item and page first; then feeds; then cleanup; the record
 * last, so a retry still knows what the previous version published. Throws StoryError for a bad story.
 */
export async function publishStory(ctx: PublishContext, key: string): Promise<StoryOutcome> {
  const hash = sourceHash(key);
  const object = await readStoryObject(ctx.content, key);
  const story: Story | undefined = object ? parseStory(object.body, { source: ctx.content.prefix + key, baseUrl: ctx.config.baseUrl }) : undefined;
  const previous = (await readJson<StoryRecord>(ctx.site, recordKey(hash)))?.value;
  const releasing = story !== undefined && isReleased(story, ctx.now);
  const media = await loadStoryMedia(ctx.content, releasing ? [story] : []);
  const plan = planStory({ key, hash, story, ...(object && { etag: object.etag }), previous, catalog: media.catalog, site: ctx.config, now: ctx.now });

  await ensurePhotos(ctx, hash, plan.copies, media.bytes);
  if (plan.entry) await putObject(ctx.site, itemKey(hash), JSON.stringify(plan.entry), { contentType: 'application/json; charset=utf-8', cacheControl: 'no-store' });
  if (plan.page) await ctx.writer.publish(plan.page.path, plan.page.body);
  // Markers go before the windows (a concurrent refill finds the new story) and are removed before
  // them (a concurrent refill does not bring a removed story back).
  await Promise.all(plan.markers.put.map((marker) => putObject(ctx.site, marker, '', { contentType: 'application/octet-stream', cacheControl: 'no-store' })));
  await Promise.all(plan.markers.remove.map((marker) => deleteObject(ctx.site, marker)));
  await updateFeeds(ctx, plan.changes);

  const releaseAt = plan.held;
  if (releaseAt !== undefined) {
    await updateJson<HeldList>(ctx.site, HELD_KEY, async (current) => {
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
  }
  for (const path of plan.removedPages) await ctx.writer.remove(path);
  await releasePhotos(ctx, hash, plan.released);
  if (!plan.entry && previous?.status === 'published') await deleteObject(ctx.site, itemKey(hash));
  // Only the publisher of this one key writes its record, so it is not conditional.
  if (plan.record) await putObject(ctx.site, recordKey(hash), JSON.stringify(plan.record), { contentType: 'application/json; charset=utf-8', cacheControl: 'no-store' });
  else if (previous) await deleteObject(ctx.site, recordKey(hash));
  return plan.record?.status ?? 'removed';
}
