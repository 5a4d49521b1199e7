import { storyPath } from '../../core/story-path.js';
import { sourceHash } from '../../core/incremental/layout.js';
import type { StoryRecord } from '../../core/incremental/story-record.js';
import { claimHash, compareFacts, joinClaim, leaveClaim, sameClaim, type ClaimFacts, type UriClaim } from '../../core/incremental/uri-claim.js';
import { PreconditionFailedError } from '../../core/ports/state-store.js';
import { StoryError } from '../../core/story-error.js';
import type { Story } from '../../core/story.js';
import type { ContentAccess, StateAccess } from './publish-context.js';

/** Where one story file stands among the files carrying its uri. */
export interface ClaimOutcome {
  /** `claimHash` of the uri the file now carries (for its record); undefined when it carries none. */
  hash?: string;
  /** A claim the file left (deleted, or its uri changed). */
  left?: string;
  /** The claim left, when no file names its uri any more: its story is no longer in the content. */
  vacated?: string;
  /** True when this file's story is the one published for its uri. */
  owns: boolean;
  /** Set when the file ties the owner's version: thrown once the file's own state is consistent. */
  tie?: StoryError;
  /** Page paths the file must not delete: another file of the same uri publishes them. */
  keepPages: Set<string>;
}

/**
 * Records the file in the claim of its uri (and out of the claim of a uri it no longer carries),
 * conditionally like every shared object, and says whether this file publishes the uri.
 */
export async function settleClaim(ctx: StateAccess & ContentAccess, key: string, story: Story | undefined, previous: StoryRecord | undefined): Promise<ClaimOutcome> {
  const hash = story ? claimHash(story.id) : undefined;
  const keepPages = new Set<string>();
  const left = previous?.claim !== undefined && previous.claim !== hash ? previous.claim : undefined;
  const leaving: Pick<ClaimOutcome, 'left' | 'vacated'> = left !== undefined ? { left } : {};
  if (left !== undefined) {
    const after = await ctx.state.updateJson<UriClaim>(ctx.state.keys.claim(left), async (current) => (current && key in current.files ? leaveClaim(current, key) : undefined));
    if (after === undefined || Object.keys(after.files).length === 0) leaving.vacated = left;
    // Another file of the old uri keeps (or is about to write) the uri's page.
    if (after?.owner !== undefined && previous?.page) keepPages.add(previous.page.path);
  }
  if (!story || hash === undefined) return { ...leaving, owns: false, keepPages };
  const facts = { version: story.version, updated: story.updated.toISOString() };
  const claim = (previous === undefined ? await createClaim(ctx, hash, key, facts) : undefined)
    ?? (await ctx.state.updateJson<UriClaim>(ctx.state.keys.claim(hash), async (current) => {
      const next = joinClaim(current, key, facts);
      return sameClaim(current, next) ? undefined : next;
    }))!;
  const owns = claim.owner === key;
  if (owns) return { hash, ...leaving, owns, keepPages };
  keepPages.add(storyPath(story));
  const owner = claim.owner!;
  const tie = compareFacts(facts, claim.files[owner]!) === 0
    ? new StoryError(ctx.content.prefix + key, [
        { pointer: '/version', message: `same uri and version as ${ctx.content.prefix + owner} (${JSON.stringify(story.version)}), which stays published; give the newer file a higher version` },
      ])
    : undefined;
  return { hash, ...leaving, owns, ...(tie && { tie }), keepPages };
}

/**
 * A file with no record yet usually brings a uri nobody carries: its claim is created without
 * reading first, on the condition that none exists (one PUT instead of a GET that finds nothing and
 * the PUT). Undefined when one exists (another file carries the uri, or a failed attempt of this
 * file wrote it): the caller then reads and joins it as for any other file.
 */
async function createClaim(ctx: StateAccess & ContentAccess, hash: string, key: string, facts: ClaimFacts): Promise<UriClaim | undefined> {
  const claim = joinClaim(undefined, key, facts);
  try {
    await ctx.state.write(ctx.state.keys.claim(hash), JSON.stringify(claim), undefined);
    return claim;
  } catch (error) {
    if (error instanceof PreconditionFailedError) return undefined;
    throw error;
  }
}

/** Publishes another story file again (`publishStory`, injected to keep the modules acyclic). */
export type Republish = (key: string, options: { republish?: boolean }) => Promise<unknown>;

/**
 * After the file's own state is written, brings the other files of its uri(s) in line: a file
 * still published although it lost the uri is retired, an owner not yet published (the winner was
 * deleted, or lost its uri) is published. If this file published but lost the uri to a concurrent
 * publisher meanwhile, it retires itself and republishes the owner, whose page it may have overwritten.
 * Reads the claim again (one GET) and one record per other file of the uri: nothing more for the
 * usual single file per uri.
 */
export async function settleOthers(ctx: StateAccess & ContentAccess, key: string, outcome: ClaimOutcome, republish: Republish): Promise<void> {
  for (const hash of [outcome.hash, outcome.left]) {
    if (hash === undefined) continue;
    const claim = (await ctx.state.readJson<UriClaim>(ctx.state.keys.claim(hash)))?.value;
    if (!claim) continue;
    const { owner } = claim;
    if (hash === outcome.hash && outcome.owns && owner !== key) {
      await republish(key, {});
      if (owner !== undefined) await republish(owner, { republish: true });
      continue;
    }
    for (const other of Object.keys(claim.files).sort()) {
      if (other === key) continue;
      const record = (await ctx.state.readJson<StoryRecord>(ctx.state.keys.record(sourceHash(other))))?.value;
      const active = record?.status === 'published' || record?.status === 'held';
      if (other === owner ? !active : active) await republish(other, {}).catch(ignoreStoryError);
    }
  }
}

// A bad file among the others is reported by its own event; it does not fail this one.
function ignoreStoryError(error: unknown): void {
  if (!(error instanceof StoryError)) throw error;
}
