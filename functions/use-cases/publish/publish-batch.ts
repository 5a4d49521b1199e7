import { claimHash } from '../../core/incremental/uri-claim.js';
import { storyScope, type PublishContext } from './publish-context.js';
import { finishStory, prepareStory, publishFeeds, readStoryFile, type PreparedStory, type StoryOutcome } from './publish-story.js';

/** What became of one story file of a batch: its outcome, or the error that failed it (StoryError: a bad story). */
export type BatchResult = { outcome: StoryOutcome } | { error: unknown };

/**
 * Publishes the story files of one SQS batch. Each file's own work (read, validate, claim, item,
 * photos, page, order markers; then clean-up and record) is its own, as in `publishStory`, so a
 * bad story fails alone; but every feed the batch reaches (windows, archives, sections, partner
 * windows, sitemap) is read, planned and written once for all its stories (`publishFeeds`): a burst
 * of ten new stories writes the main feed once, not ten times. Feeds are written with the same
 * conditional writes as one story's (a refused one replans that feed over the winner's state).
 *
 * Files of one uri (a story and its copy, or a file leaving a uri another takes) settle each other
 * through their claim: they never share a feed step. A file reaching a uri already in the step is
 * read again after the step is done, as if it came in the next batch. A failure of the feed step
 * fails every file of the step (each is retried; their own objects are already written, which a
 * retry finds unchanged). One key is one file, however often the batch names it.
 */
export async function publishBatch(invocation: PublishContext, keys: readonly string[]): Promise<Map<string, BatchResult>> {
  const results = new Map<string, BatchResult>();
  let ctx = storyScope(invocation);
  let step: PreparedStory[] = [];
  const uris = new Set<string>();
  const flush = async () => {
    if (step.length === 0) return;
    const stories = step;
    step = [];
    uris.clear();
    await publishStep(ctx, stories, results);
    // The state bodies the step read, which its fragments name, go with it.
    ctx = storyScope(invocation);
  };
  for (const key of new Set(keys)) {
    try {
      let read = await readStoryFile(ctx, key);
      const claims = claimsOf(read);
      if (claims.some((claim) => uris.has(claim))) {
        await flush();
        read = await readStoryFile(ctx, key);
      }
      for (const claim of claimsOf(read)) uris.add(claim);
      step.push(await prepareStory(ctx, read));
    } catch (error) {
      results.set(key, { error });
    }
  }
  await flush();
  return results;
}

/** The uri claims a file touches: the one it carries, and the one its last version carried. */
function claimsOf(read: Awaited<ReturnType<typeof readStoryFile>>): string[] {
  return [read.story && claimHash(read.story.id), read.previous?.claim].filter((claim): claim is string => claim !== undefined);
}

/** The feeds of a step's stories once for all, then each story's clean-up and record. */
async function publishStep(ctx: PublishContext, stories: PreparedStory[], results: Map<string, BatchResult>): Promise<void> {
  let pages;
  try {
    pages = await publishFeeds(ctx, stories);
  } catch (error) {
    for (const { key } of stories) results.set(key, { error });
    return;
  }
  for (const story of stories) {
    try {
      results.set(story.key, { outcome: await finishStory(ctx, story, pages.get(story.hash)!, 0) });
    } catch (error) {
      results.set(story.key, { error });
    }
  }
}
