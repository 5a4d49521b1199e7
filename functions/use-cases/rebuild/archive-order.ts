import { dedupeStories } from '../../core/dedupe-stories.js';
import { compareNewestFirst } from '../../core/newest-first.js';
import { claimsOf, type UriClaim } from '../../core/incremental/uri-claim.js';
import { sectionNames } from '../../core/section-names.js';
import type { StoryError } from '../../core/story-error.js';
import type { PublishContext } from '../publish/publish-context.js';
import { findKeptStories, keptStoryFinder, type KeptStory } from './kept-stories.js';
import type { ArchiveScan, ScannedStory } from './scan-stories.js';

/** Stories whose claims are made at once: a million stories' claims at once would hold ~0.5 GB. */
const CLAIMS_PART = 10_000;

/**
 * What a rebuild decides over the whole archive before it publishes the first story: which file
 * publishes each uri, which refused files keep their last good version, the order of the stories,
 * the names of the sections. The rebuild's order step (docs/decisions/005, step 2).
 */
export interface OrderedArchive {
  /** Refusals of the scan, then of deduplication: the report order. */
  rejected: StoryError[];
  /** Refused files whose last good version stays published, by content key. */
  kept: Map<string, KeptStory>;
  /** Section slug → display name: the newest released story's (`section-names.ts`). */
  names: Map<string, string>;
  /** The files another file of their uri supersedes (their records: `supersededRecord`). */
  superseded: ScannedStory[];
  /** Every uri's claim, by claim hash, made a part at a time (a part holds whole uris). */
  claims: () => Iterable<Array<[string, UriClaim]>>;
  /** The stories to publish, the kept ones among them, oldest first (feed order). */
  oldestFirst: ScannedStory[];
}

/**
 * Orders a scanned archive: looks up the last good version of each refused file (publisher state),
 * deduplicates by uri, claims, sorts oldest first and names the sections. `scan` is taken over: its
 * facts are the ordered stories, not copies.
 */
export async function orderArchive(ctx: PublishContext, scan: ArchiveScan): Promise<OrderedArchive> {
  const { keys, scanned } = scan;
  const rejected = [...scan.rejected];
  const kept = await findKeptStories(keptStoryFinder(ctx), rejected, (file) => listingIndex(keys, file.slice(ctx.content.prefix.length)));
  // A refused file whose last good version is published takes its place among the stories.
  scanned.push(...[...kept.values()].map((story) => story.facts));
  const deduped = dedupeStories(scanned);
  rejected.push(...deduped.rejected);
  const keptKeys = new Set(deduped.stories.map((story) => story.key));
  // Which file publishes each uri, as the incremental path keeps it (`uri-claim.ts`); the others are superseded.
  const claims = function* (): Iterable<Array<[string, UriClaim]>> {
    const byUri = [...scanned].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (let at = 0; at < byUri.length; ) {
      let end = Math.min(at + CLAIMS_PART, byUri.length);
      while (end < byUri.length && byUri[end]!.id === byUri[end - 1]!.id) end += 1;
      yield [...claimsOf(byUri.slice(at, end).map((story) => ({ key: story.key, story })), keptKeys)];
      at = end;
    }
  };
  const superseded = scanned.filter((story) => !keptKeys.has(story.key));
  const oldestFirst = deduped.stories.sort(compareNewestFirst).reverse();
  return { rejected, kept, names: sectionNames(oldestFirst, ctx.now), superseded, claims, oldestFirst };
}

/** The place of `key` in the sorted listing `keys` (binary search); -1 when it is not there. */
function listingIndex(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = keys[middle]!;
    if (at === key) return middle;
    if (at < key) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * An ordered archive as the rebuild's publishing pass takes it: what is small at once, the claims
 * and the stories a part at a time, so the pass holds one partition of facts, not the archive's.
 */
export interface ArchiveOrder extends Pick<OrderedArchive, 'rejected' | 'kept' | 'names' | 'superseded'> {
  claims(): AsyncIterable<Array<[string, UriClaim]>> | Iterable<Array<[string, UriClaim]>>;
  /** The stories to publish, oldest first, in consecutive parts. */
  partitions(): AsyncIterable<ScannedStory[]>;
}

/** An archive ordered in this invocation, as one part. */
export function orderInMemory({ oldestFirst, ...rest }: OrderedArchive): ArchiveOrder {
  return {
    ...rest,
    async *partitions() {
      yield oldestFirst;
    },
  };
}
