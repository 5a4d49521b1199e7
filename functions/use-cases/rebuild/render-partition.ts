import type { FeedFolder } from '../../core/incremental/layout.js';
import type { WindowEntry } from '../../core/incremental/feed-window.js';
import { itemBytes } from '../../core/outputs/feed-budget.js';
import { claimHash } from '../../core/incremental/uri-claim.js';
import { StoryError, type StoryProblem } from '../../core/story-error.js';
import type { PublishContext } from '../publish/publish-context.js';
import { mapConcurrently } from '../concurrently.js';
import type { PutFile } from './feed-rebuild.js';
import { putChildState } from './rebuild-guard.js';
import { orderMarkerEtags, readPartitionEtags } from './partition-etags.js';
import { storyRenderer, type RenderedStory } from './render-stories.js';
import { runKeys } from './distributed-scan.js';
import { readOrderPartition } from './run-order.js';
import { SyndicationRebuild } from './syndication-rebuild.js';
import { keptObjectPaths } from './kept-stories.js';
import type { PartitionHeads } from './run-heads.js';
import { ProducedKeys } from './stale-sweep.js';

/** What a render child stored of each story of its partition (in its order), for its records child. */
export interface RenderedPartition {
  stories: RenderedStory[];
}

/** As stored: refusals as their file and problems. */
type StoredRendered = { stories: Array<Exclude<RenderedStory, { kind: 'refused' }> | { kind: 'refused'; error: { file: string; problems: StoryProblem[] } }> };

/** Stories rendered at once, as the one-invocation rebuild. */
const CONCURRENCY = 8;

const renderKey = (ctx: PublishContext, run: string, partition: number) => runKeys(ctx, run).rendered(partition);
const sizesKey = (ctx: PublishContext, run: string, partition: number) => runKeys(ctx, run).sizes(partition);
const headsKey = (ctx: PublishContext, run: string, partition: number) => runKeys(ctx, run).heads(partition);
const refusedFolder = (ctx: PublishContext, run: string) => runKeys(ctx, run).refusedParts;
const refusedKey = (ctx: PublishContext, run: string, partition: number) => runKeys(ctx, run).refused(partition);

/**
 * One story of a partition as the cut step takes it (docs/decisions/005, step 4), a few dozen
 * bytes: its item's size (`itemBytes`) and MD5 (the ETag its archive page checks it by), the feeds
 * it goes into and its sections' names (a section feed is titled by its newest item); or a file the
 * child refused, whose last good version the cut looks up; or null (no item in any feed).
 */
export type SizedStory = SizedItem | { refused: string } | null;

/** A story's item as the cut step takes it. */
export type SizedItem = { hash: string; md5: string; bytes: number; folders: FeedFolder[]; sections: Array<[string, string]> };

/** The cut step's view of an item (a story's, or a refused file's last good version) in `feeds`. */
export function sizedItem(hash: string, md5: string, entry: WindowEntry, feeds: readonly FeedFolder[]): SizedItem {
  // Sections by folder, then the main feed: the order a rebuild places it in.
  const folders = feeds.filter((folder) => folder !== '').sort();
  if (feeds.includes('')) folders.push('');
  return { hash, md5, bytes: itemBytes(entry), folders, sections: entry.sections.map(({ slug, name }) => [slug, name]) };
}

/**
 * A render child of the rebuild state machine (docs/decisions/005, step 3): renders the stories of
 * one partition of the run's order (`storyRenderer`, as the one-invocation rebuild renders each) and
 * stores what the cut (sizes), its records child (each story) and the finish (a heads summary) take, and
 * hands the sweep the paths it produced. It does not ask for the objects it writes one
 * by one: their ETags come from the order step's listing (items, photo-user markers, pages) and from
 * listing its order markers by time; only what neither covers (a photo's file) is asked for (HEAD),
 * once. A state write is conditional on that answer, and an unchanged object is not written again.
 * A retried child finds its first attempt's writes: a conditional write that loses to an object
 * already holding its bytes is done, not a conflict.
 */
export async function renderRunPartition(ctx: PublishContext, run: string, partition: number): Promise<{ stories: number; published: number; refused: number }> {
  const { facts, kept, etags } = await readOrderPartition(ctx, run, partition);
  const carried = new Set((await ctx.state.list(ctx.state.keys.carriedMarkers)).objects.map(({ key }) => key));
  const listed = await readPartitionEtags(ctx, run, partition, etags);
  const markers = orderMarkerEtags(ctx, facts);
  const syndication = new SyndicationRebuild(ctx, (partner, id) => carried.has(ctx.state.keys.carried(partner, claimHash(id))));
  // Every site and state path it wrote or found as it would write it: not stale (for the sweep).
  const produced = new ProducedKeys(ctx.state.keys);
  let stateWritten = 0;
  // Each object's ETag is taken once: the renderer asks before deciding whether to write (a photo's
  // user marker) and again when writing it conditionally, and a photo's path comes back for every
  // story that shows it. That answer is this child's view of the site, as the listing is the
  // one-invocation rebuild's: a write conditional on it still loses to a publish.
  const seen = new Map<string, Promise<string | undefined>>();
  const etagOf = (path: string) => {
    let etag = seen.get(path);
    if (!etag) {
      const known = listed(path);
      etag = known ? Promise.resolve(known.etag) : (markers(path) ?? ctx.state.stat(path).then((object) => object?.etag));
      seen.set(path, etag);
    }
    return etag;
  };
  const put: PutFile = async (path, body, state, written) => {
    produced.add(path);
    if (!state) return ctx.writer.publish(path, body, await etagOf(path));
    const { etag, wrote } = await putChildState(ctx, path, body, written ?? (await etagOf(path)));
    if (wrote) stateWritten += 1;
    return etag;
  };
  const render = storyRenderer(ctx, { etagOf, produce: produced.add, put, syndication, kept });
  const stories = await mapConcurrently(facts, CONCURRENCY, render);
  const stored: StoredRendered = { stories: stories.map((story) => (story.kind === 'refused' ? { kind: 'refused', error: { file: story.error.file, problems: story.error.problems } } : story)) };
  await ctx.state.put(renderKey(ctx, run, partition), JSON.stringify(stored));
  // What the finish merges into the heads, in story order (the records are its records child's to hand the sweep).
  const heads: PartitionHeads = { published: 0, held: [], reports: [], syndication: syndication.stored(), stateWritten, filesChanged: ctx.writer.changed.size };
  for (const [at, story] of stories.entries()) {
    const { key, index } = facts[at]!;
    if (story.kind === 'kept') {
      const held = kept.get(key)!;
      heads.published += 1;
      heads.reports.push({ kept: held.line });
      for (const path of keptObjectPaths(ctx.state.keys, held)) produced.add(path);
    } else if (story.kind === 'refused') heads.reports.push({ refused: { index, file: story.error.file, problems: story.error.problems } });
    else if (story.kind !== 'none') {
      if (story.record.status === 'held') heads.held.push([index, key, story.record.releaseAt!]);
      if (story.entry) heads.published += 1;
    }
  }
  await ctx.state.put(headsKey(ctx, run, partition), JSON.stringify(heads));
  await produced.store(ctx, run, `render-${partition}`);
  const sized = stories.map((story, at): SizedStory => {
    const { key } = facts[at]!;
    if (story.kind === 'kept') {
      const lastGood = kept.get(key)!;
      return sizedItem(lastGood.hash, lastGood.itemEtag, lastGood.entry, lastGood.feeds);
    }
    if (story.kind === 'refused') return { refused: story.error.file };
    return story.kind === 'placed' && story.entry ? sizedItem(story.hash, story.record.itemMd5!, story.entry, story.folders) : null;
  });
  await ctx.state.put(sizesKey(ctx, run, partition), JSON.stringify(sized));
  // Named apart as well: the cut places their last good versions by their own dates, so it needs them all before its first item.
  const refused = stories.flatMap((story) => (story.kind === 'refused' ? [story.error.file] : []));
  if (refused.length > 0) await ctx.state.put(refusedKey(ctx, run, partition), JSON.stringify(refused));
  return { stories: facts.length, published: stories.filter((story) => story.kind === 'placed' && story.entry).length, refused: stories.filter((story) => story.kind === 'refused').length };
}

/** The sizes the render child of `partition` stored, for the cut step. */
export async function readSizedPartition(ctx: PublishContext, run: string, partition: number): Promise<SizedStory[]> {
  const stored = (await ctx.state.readJson<SizedStory[]>(sizesKey(ctx, run, partition)))?.value;
  if (!stored) throw new Error(`rebuild run ${run}: partition ${partition} was not rendered`);
  return stored;
}

/** The files every render child of the run refused, for the cut step (each child stores its own, if any). */
export async function readRefusedFiles(ctx: PublishContext, run: string): Promise<string[]> {
  const { objects } = await ctx.state.list(refusedFolder(ctx, run));
  const parts = await mapConcurrently(objects, CONCURRENCY, async ({ key }) => (await ctx.state.readJson<string[]>(key))?.value ?? []);
  return parts.flat();
}

/** What the render child of `partition` stored of each story, for its records child. */
export async function readRenderedPartition(ctx: PublishContext, run: string, partition: number): Promise<RenderedPartition> {
  const stored = (await ctx.state.readJson<StoredRendered>(renderKey(ctx, run, partition)))?.value;
  if (!stored) throw new Error(`rebuild run ${run}: partition ${partition} was not rendered`);
  return { stories: stored.stories.map((story) => (story.kind === 'refused' ? { kind: 'refused', error: new StoryError(story.error.file, story.error.problems) } : story)) };
}

/** What the render child of `partition` stored for the heads; the finish reads them in order. */
export async function readPartitionHeads(ctx: PublishContext, run: string, partition: number): Promise<PartitionHeads> {
  const heads = await ctx.state.readJson<PartitionHeads>(headsKey(ctx, run, partition));
  if (!heads) throw new Error(`rebuild run ${run}: partition ${partition} was not rendered`);
  return heads.value;
}
