import { md5Hex } from '../../core/incremental/layout.js';
import { claimHash } from '../../core/incremental/uri-claim.js';
import { StoryError, type StoryProblem } from '../../core/story-error.js';
import type { PublishContext } from '../publish/publish-context.js';
import { mapConcurrently } from '../concurrently.js';
import type { PutFile } from './feed-rebuild.js';
import { putRebuildState } from './rebuild-guard.js';
import { storyRenderer, type RenderedStory } from './render-stories.js';
import { runFolder } from './distributed-scan.js';
import { readOrderPartition } from './run-order.js';
import { SyndicationRebuild, type StoredSyndication } from './syndication-rebuild.js';

/** What a render child stored for its partition, for the finishing step. */
export interface RenderedPartition {
  /** One per story of the partition, in its order. */
  stories: RenderedStory[];
  /** Every site and state path it wrote or found as it would write it: not stale. */
  produced: string[];
  /** Its partner windows and sitemap entries. */
  syndication: StoredSyndication;
  stateWritten: number;
  filesChanged: number;
}

/** As stored: refusals as their file and problems. */
type StoredRendered = Omit<RenderedPartition, 'stories'> & { stories: Array<Exclude<RenderedStory, { kind: 'refused' }> | { kind: 'refused'; error: { file: string; problems: StoryProblem[] } }> };

/** Stories rendered at once, as the one-invocation rebuild. */
const CONCURRENCY = 8;

const renderKey = (ctx: PublishContext, run: string, partition: number) => `${runFolder(ctx, run)}render/${String(partition).padStart(6, '0')}.json`;

/**
 * A render child of the rebuild state machine (docs/decisions/005, step 3): renders the stories of
 * one partition of the run's order (`storyRenderer`, as the one-invocation rebuild renders each) and
 * stores what the finishing step places in the feeds. It does not list the site: the ETag of each
 * object it writes is asked for (HEAD) once, before, so a state write is conditional on what is there
 * and an unchanged object is not written again. A retried child writes the same objects again.
 */
export async function renderRunPartition(ctx: PublishContext, run: string, partition: number): Promise<{ stories: number; published: number; refused: number }> {
  const { facts, kept } = await readOrderPartition(ctx, run, partition);
  const carried = new Set((await ctx.state.list(ctx.state.keys.carriedMarkers)).objects.map(({ key }) => key));
  const syndication = new SyndicationRebuild(ctx, (partner, id) => carried.has(ctx.state.keys.carried(partner, claimHash(id))));
  const produced = new Set<string>();
  let stateWritten = 0;
  // Each object's ETag is asked for once: the renderer asks before deciding whether to write (a
  // photo's user marker) and again when writing it conditionally, and a photo's path comes back
  // for every story that shows it. The first answer is this child's view of the site, as the
  // listing is the one-invocation rebuild's: a write conditional on it still loses to a publish.
  const seen = new Map<string, Promise<string | undefined>>();
  const etagOf = (path: string) => {
    let etag = seen.get(path);
    if (!etag) seen.set(path, (etag = ctx.state.stat(path).then((object) => object?.etag)));
    return etag;
  };
  const put: PutFile = async (path, body, state, written) => {
    produced.add(path);
    if (!state) return ctx.writer.publish(path, body, await etagOf(path));
    const seen = written ?? (await etagOf(path));
    if (seen !== undefined && seen === md5Hex(body)) return seen;
    stateWritten += 1;
    return putRebuildState(ctx, path, body, seen);
  };
  const render = storyRenderer(ctx, { etagOf, produce: (path) => void produced.add(path), put, syndication, kept });
  const stories = await mapConcurrently(facts, CONCURRENCY, render);
  const stored: StoredRendered = {
    stories: stories.map((story) => (story.kind === 'refused' ? { kind: 'refused', error: { file: story.error.file, problems: story.error.problems } } : story)),
    produced: [...produced],
    syndication: syndication.stored(),
    stateWritten,
    filesChanged: ctx.writer.changed.size,
  };
  await ctx.state.put(renderKey(ctx, run, partition), JSON.stringify(stored));
  return { stories: facts.length, published: stories.filter((story) => story.kind === 'placed' && story.entry).length, refused: stories.filter((story) => story.kind === 'refused').length };
}

/** What the render child of `partition` stored; the finishing step reads them in order. */
export async function readRenderedPartition(ctx: PublishContext, run: string, partition: number): Promise<RenderedPartition> {
  const stored = (await ctx.state.readJson<StoredRendered>(renderKey(ctx, run, partition)))?.value;
  if (!stored) throw new Error(`rebuild run ${run}: partition ${partition} was not rendered`);
  return { ...stored, stories: stored.stories.map((story) => (story.kind === 'refused' ? { kind: 'refused', error: new StoryError(story.error.file, story.error.problems) } : story)) };
}
