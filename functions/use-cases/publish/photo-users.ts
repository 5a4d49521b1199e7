import type { StoryRecord } from '../../core/incremental/story-record.js';
import type { MediaCopy } from '../../core/media/published-photo.js';
import type { PublishContext } from './publish-context.js';
import { mapConcurrently, REQUESTS_AT_ONCE } from '../concurrently.js';
import type { PhotoSource, LoadedMedia } from '../../core/ports/story-store.js';
import { PhotoChangedError } from '../../core/ports/site-store.js';

/**
 * What a photo user marker holds: where the photo came from, to put it back after a lost race, and
 * the ETag of the version its path is of (only that version may be put back under it).
 */
export interface PhotoUser {
  source: string;
  mimeType: string;
  etag: string;
}

/** The marker of a story that shows `copy`, at the version `source` names (publish and rebuild write the same). */
export function photoUser(copy: MediaCopy, source: PhotoSource): PhotoUser {
  return { source: copy.source, mimeType: copy.mimeType, etag: source.etag };
}

/**
 * Photo copies already checked (or being checked) by a story of the same batch step, by target and
 * source version. Only for stories preparing together, before any of them releases a photo: the
 * story that made the check keeps its marker on the photo for the whole step, so a concurrent
 * release that deletes the photo after the check finds that marker and puts the photo back, as it
 * would for this story's own check. Never kept past the step (a release in this invocation could
 * then have deleted the photo unseen).
 */
export type CheckedPhotos = Map<string, Promise<void>>;

/**
 * Makes each photo available before any page or feed points at it: first the story's marker is
 * written (so a concurrent release sees the photo in use, or puts it back), then the object is put
 * if missing. Two requests per photo, whatever the number of stories sharing it; one when `checked`
 * holds a check of the same copy by another story of the step. Photos do not depend on each other,
 * so they go together; within one photo the marker stays first.
 */
export async function ensurePhotos(ctx: PublishContext, user: string, copies: MediaCopy[], media: Pick<LoadedMedia, 'sourceOf'>, checked: CheckedPhotos = new Map()): Promise<void> {
  await mapConcurrently(copies, REQUESTS_AT_ONCE, async (copy) => {
    const source = media.sourceOf(copy.source);
    await ctx.state.put(ctx.state.keys.photoUser(copy.target, user), JSON.stringify(photoUser(copy, source)));
    // Only after the marker: a release that deletes the photo after this check lists the marker and puts it back.
    const id = `${copy.target}\n${source.key}\n${source.etag}`;
    let check = checked.get(id);
    if (!check) checked.set(id, (check = ctx.writer.ensurePhoto(copy.target, source, copy.mimeType)));
    await check;
  });
}

/**
 * Drops the story's marker from each photo and deletes photos nobody uses any more. A publisher
 * that added its marker between our listing and our delete is seen by listing again, and the photo
 * is put back from the source its marker names (S3 lists are strongly consistent).
 */
export async function releasePhotos(ctx: PublishContext, user: string, targets: string[]): Promise<void> {
  // Each photo's release is its own sequence (marker gone, list, delete, list again); photos go together.
  await mapConcurrently(targets, REQUESTS_AT_ONCE, async (target) => {
    await ctx.state.delete(ctx.state.keys.photoUser(target, user));
    if ((await firstUserKey(ctx, target)) !== undefined) return;
    await ctx.writer.remove(target);
    await restoreIfUsed(ctx, target);
  });
}

/** The key of one user marker of the photo (one LIST of one key), or undefined when nobody uses it. */
async function firstUserKey(ctx: PublishContext, target: string): Promise<string | undefined> {
  return (await ctx.state.list(ctx.state.keys.photoUsers(target), 1)).objects[0]?.key;
}

/**
 * After deleting a photo: puts it back if a user appeared meanwhile, from the source its marker
 * names. A marker gone between listing and reading was released too: list again.
 */
async function restoreIfUsed(ctx: PublishContext, target: string): Promise<void> {
  for (let attempt = 0; attempt < RESTORE_ATTEMPTS; attempt++) {
    const key = await firstUserKey(ctx, target);
    if (key === undefined) return;
    const user = (await ctx.state.readJson<PhotoUser>(key))?.value;
    if (!user) continue;
    // A photo replaced or removed since its user planned it stays away: under this path, other bytes would be wrong for a year.
    const restored = await ctx.writer.ensurePhoto(target, { key: user.source, etag: user.etag }, user.mimeType).then(() => true, unlessPhotoChanged);
    if (!restored) await warnPhotoLost(ctx, target, user, ctx.state.keys.userOfPhoto(key));
    return;
  }
  throw new Error(`${target}: its users kept leaving while it was being restored; publish the story again`);
}

/**
 * The story that started using the photo while it was deleted now points at a missing file, and
 * nothing will bring it back by itself (changes under `media/` are not mapped to stories): the
 * operator is told which story to publish again, which plans the photo's new version.
 */
async function warnPhotoLost(ctx: PublishContext, target: string, user: PhotoUser, userHash: string): Promise<void> {
  // Only to name the story: a failed read must not fail the record, whose retry would not get here again.
  const story = await ctx.state.readJson<Pick<StoryRecord, 'key'>>(ctx.state.keys.record(userHash)).then((record) => record?.value.key, () => undefined);
  ctx.warnings.push({
    message: 'photo not restored: its source was replaced or removed since a story planned it; publish that story again',
    details: { photo: target, source: user.source, etag: user.etag, user: userHash, ...(story !== undefined && { story: ctx.content.prefix + story }) },
  });
}

/** Listings tried when the marker listed keeps disappearing before it is read (users leaving one after another). */
const RESTORE_ATTEMPTS = 5;

function unlessPhotoChanged(error: unknown): false {
  if (!(error instanceof PhotoChangedError)) throw error;
  return false;
}
