import { sourceHash, type FeedFolder } from '../../core/incremental/layout.js';
import type { StoryRecord } from '../../core/incremental/story-record.js';
import { claimHash, claimsOf, type UriClaim } from '../../core/incremental/uri-claim.js';
import type { ScannedStory } from './scan-stories.js';

/**
 * The records and claims a rebuild writes, by one rule whether one invocation writes them all (the
 * one-invocation rebuild) or a records child writes a partition's (the state machine, step 6).
 */

/** A file's record when it publishes nothing: another file of its uri is newer, or it takes its story down. It names its claim, so deleting the file later leaves the claim. */
export function supersededRecord(facts: Pick<ScannedStory, 'key' | 'id' | 'version' | 'etag'>): { hash: string; record: StoryRecord } {
  return { hash: sourceHash(facts.key), record: { key: facts.key, status: 'superseded', version: facts.version, etag: facts.etag, claim: claimHash(facts.id), feeds: [], photos: [] } };
}

/**
 * A rendered story's record, with the archive page of each feed it is on (none when it has no item):
 * its fields in the order a publish writes them (`finishStory`: the plan's, its pages, its claim, its
 * item's MD5), so a publish of the unchanged file finds the same bytes and writes nothing, and a
 * rebuild leaves a record a publish wrote as it is.
 */
export function placedRecord(record: StoryRecord, pages: Record<FeedFolder, number> | undefined): StoryRecord {
  const { claim, itemMd5, ...planned } = record;
  return { ...planned, ...(pages && { pages }), ...(claim !== undefined && { claim }), ...(itemMd5 !== undefined && { itemMd5 }) };
}

/** The record of a refused file's last good version, kept: as that version's publish wrote it, with its claim and its pages now. */
export function keptRecord(record: StoryRecord, id: string, pages: Record<FeedFolder, number>): StoryRecord {
  return { ...record, claim: claimHash(id), pages };
}

/**
 * The claim of the uri `published` publishes, from it and the files it supersedes (`uri-claim.ts`'s
 * `claimsOf`, as the order step claims every uri at once): the same claim, made a uri at a time.
 */
export function uriClaim(published: ScannedStory, superseded: readonly ScannedStory[]): [string, UriClaim] {
  const [claim] = claimsOf([published, ...superseded].map((story) => ({ key: story.key, story })), new Set([published.key]));
  if (!claim || claim[0] !== claimHash(published.id) || superseded.some((story) => story.id !== published.id)) throw new Error(`rebuild: files of another uri given with ${published.key}'s claim`);
  return claim;
}
