import { claimHash } from '../../core/incremental/uri-claim.js';
import { storyScope, type PublishContext } from './publish-context.js';
import { finishStory, prepareStory, publishFeeds, readStoryFile, type PreparedStory, type ReadStory, type StoryOutcome } from './publish-story.js';
import { mapConcurrently } from '../concurrently.js';
import { stepPhotoWrites } from './photo-users.js';

/**
 * Stories of a batch whose own work runs at once: each issues a few requests at once itself
 * (`REQUESTS_AT_ONCE`), so together they stay within the SDK's 50 sockets.
 */
const STORIES_AT_ONCE = 5;

/** What became of one story file of a batch: its outcome, or the error that failed it (StoryError: a bad story). */
export type BatchResult = { outcome: StoryOutcome } | { error: unknown };

/**
 * Publishes the story files of one SQS batch. Each file's own work (read, validate, claim, item,
 * photos, page, order markers; then clean-up and record) is its own, as in `publishStory`, so a
 * bad story fails alone; but every feed the batch reaches (windows, archives, sections, partner
 * shortlists, sitemap) is read, planned and written once for all its stories (`publishFeeds`): a burst
 * of ten new stories writes the main feed once, not ten times. Feeds are written with the same
 * conditional writes as one story's (a refused one replans that feed over the winner's state).
 *
 * Files of one uri (a story and its copy, or a file leaving a uri another takes) settle each other
 * through their claim: they never share a feed step. A file reaching a uri already in the step is
 * read again after the step is done, as if it came in the next batch. Stories of one step do their
 * own work at once: they share no object but the held list and photo users, which are written as
 * concurrent invocations write them. A failure of the feed step
 * fails every file of the step (each is retried; their own objects are already written, which a
 * retry finds unchanged). One key is one file, however often the batch names it.
 */
export async function publishBatch(invocation: PublishContext, keys: readonly string[]): Promise<Map<string, BatchResult>> {
  const results = new Map<string, BatchResult>();
  let pending = [...new Set(keys)];
  while (pending.length > 0) {
    const ctx = storyScope(invocation);
    // Reads only: a refused story fails here, before it writes anything.
    const reads = await readAll(ctx, pending, results);
    // Files whose uri is already in this step wait for the next one, and are read again then.
    const step: ReadStory[] = [];
    const uris = new Set<string>();
    pending = [];
    for (const read of reads) {
      const claims = claimsOf(read);
      if (claims.some((claim) => uris.has(claim))) {
        pending.push(read.key);
        continue;
      }
      for (const claim of claims) uris.add(claim);
      step.push(read);
    }
    // Each story's own objects and claim; stories of distinct uris touch no object of each other's.
    // Photos the step's stories share are looked up and checked once for the step, never past it.
    const photos = { known: new Map(), ...stepPhotoWrites() };
    const prepared = await mapConcurrently(step, STORIES_AT_ONCE, (read) => prepareStory(ctx, read, { photos }).catch((error: unknown) => void results.set(read.key, { error })));
    await publishStep(
      ctx,
      prepared.filter((story): story is PreparedStory => story !== undefined),
      results,
    );
  }
  return results;
}

/** The story files, read together (a file that cannot be read or parsed fails alone). */
async function readAll(ctx: PublishContext, keys: string[], results: Map<string, BatchResult>): Promise<ReadStory[]> {
  const reads = await mapConcurrently(keys, STORIES_AT_ONCE, (key) => readStoryFile(ctx, key).catch((error: unknown) => void results.set(key, { error })));
  return reads.filter((read): read is ReadStory => read !== undefined);
}

/** The uri claims a file touches: the one it carries, and the one its last version carried. */
function claimsOf(read: ReadStory): string[] {
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
  await mapConcurrently(stories, STORIES_AT_ONCE, async (story) => {
    try {
      results.set(story.key, { outcome: await finishStory(ctx, story, pages.get(story.hash)!, 0) });
    } catch (error) {
      results.set(story.key, { error });
    }
  });
}
