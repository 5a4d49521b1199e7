import type { StoryRecord } from '../../core/incremental/story-record.js';
import { photoSetHash } from '../../core/incremental/photo-set.js';
import type { MediaCopy } from '../../core/media/published-photo.js';
import type { ContentAccess, Reports, SiteAccess, StateAccess } from './publish-context.js';
import { mapConcurrently, REQUESTS_AT_ONCE } from '../concurrently.js';
import type { PhotoSource, LoadedMedia } from '../../core/ports/story-store.js';
import { PhotoChangedError } from '../../core/ports/site-store.js';
import type { StateKeys } from '../../core/ports/state-keys.js';

/** What leaving a photo set uses: the state, the public photos, the content (to name a story in a warning) and the warnings. */
type LeaveContext = StateAccess & SiteAccess & ContentAccess & Pick<Reports, 'warnings'>;

/**
 * What a photo user marker holds: where the photo came from, to put it back after a lost race, and
 * the ETag of the version its path is of (only that version may be put back under it).
 */
export interface PhotoUser {
  source: string;
  mimeType: string;
  etag: string;
}

/** One photo of a set as its members list it: enough to write the set's marker on that photo again. */
export interface SetPhoto extends PhotoUser {
  target: string;
}

/**
 * A story's photo set: the photos it shows (each with the version planned), by target, and the
 * set's name. Publish and rebuild write the same markers from it.
 */
export interface PhotoSet {
  hash: string;
  photos: SetPhoto[];
}

/** The set of the photos `copies` (every photo a story shows), at the versions `media` planned. */
export function photoSetOf(copies: readonly MediaCopy[], media: Pick<LoadedMedia, 'sourceOf'>): PhotoSet {
  const photos = [...new Map(copies.map((copy) => [copy.target, copy])).values()]
    .map((copy): SetPhoto => ({ target: copy.target, ...photoUser(copy, media.sourceOf(copy.source)) }))
    .sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
  return { hash: photoSetHash(photos.map((photo) => photo.target)), photos };
}

/** The marker of a set that shows `copy`, at the version `source` names. */
export function photoUser(copy: Pick<MediaCopy, 'source' | 'mimeType'>, source: Pick<PhotoSource, 'etag'>): PhotoUser {
  return { source: copy.source, mimeType: copy.mimeType, etag: source.etag };
}

/** The keys a story showing the photos `targets` keeps while it shows them: its member marker and its set's marker on each photo. */
export function photoSetMarkers(keys: StateKeys, targets: readonly string[], user: string): string[] {
  if (targets.length === 0) return [];
  const set = photoSetHash(targets);
  return [keys.photoSetMember(set, user), ...targets.map((target) => keys.photoUser(target, set))];
}

/** The body of a set member marker and of each of the set's photo user markers. */
export const memberBody = (set: PhotoSet) => JSON.stringify(set.photos);
export const userBody = (photo: SetPhoto) => JSON.stringify(photoUser(photo, photo));

/**
 * Photo copies already checked (or being checked) by a story of the same batch step, by target and
 * source version; and the photo sets whose markers a story of the step wrote (or is writing), by
 * set. Only for stories preparing together, before any of them releases a photo: the story that
 * made the check or wrote the markers keeps its member marker for the whole step, so a concurrent
 * release that deletes the set's markers or the photo after that finds the member and puts them
 * back, as it would for this story's own writes. Never kept past the step (a release in this
 * invocation could then have deleted them unseen).
 */
export interface StepPhotoWrites {
  checked: Map<string, Promise<void>>;
  sets: Map<string, Promise<void>>;
}

export const stepPhotoWrites = (): StepPhotoWrites => ({ checked: new Map(), sets: new Map() });

/**
 * Makes each photo available before any page or feed points at it. First the story joins its set
 * (its member marker), then the set marks each of its photos (once per set in a step: a story of
 * the step that joined before writes them), then a photo not yet checked is put if missing (`fresh`:
 * those the story's last version did not show; the others are there, kept by its last set until it
 * leaves it, after its feeds). A release that finds the set empty deletes its photo markers only
 * after listing the members again, and a photo only after listing its users again, so each write
 * here comes after what protects it. One request per story, plus, per step, one per photo of each
 * set and two per photo (look-up and check).
 */
export async function ensurePhotos(ctx: StateAccess & SiteAccess, user: string, set: PhotoSet, fresh: readonly MediaCopy[], media: Pick<LoadedMedia, 'sourceOf'>, step: StepPhotoWrites = stepPhotoWrites()): Promise<void> {
  if (set.photos.length === 0) return;
  await ctx.state.put(ctx.state.keys.photoSetMember(set.hash, user), memberBody(set));
  let marked = step.sets.get(set.hash);
  if (!marked) step.sets.set(set.hash, (marked = markPhotos(ctx, set)));
  await marked;
  await mapConcurrently(fresh, REQUESTS_AT_ONCE, async (copy) => {
    const source = media.sourceOf(copy.source);
    const id = `${copy.target}\n${source.key}\n${source.etag}`;
    let check = step.checked.get(id);
    if (!check) step.checked.set(id, (check = ctx.writer.ensurePhoto(copy.target, source, copy.mimeType)));
    await check;
  });
}

/** The set's marker on each of its photos. */
async function markPhotos(ctx: StateAccess, set: PhotoSet): Promise<void> {
  await mapConcurrently(set.photos, REQUESTS_AT_ONCE, (photo) => ctx.state.put(ctx.state.keys.photoUser(photo.target, set.hash), userBody(photo)));
}

/**
 * The story leaves the set of the photos `targets` (its last version's), and photos nobody uses any
 * more are deleted. A set left empty drops its photo markers; a story that joined it meanwhile is
 * seen by listing the members again, and the markers are put back from its member marker. Then a
 * photo no set marks is deleted; a publisher that marked it between our listing and our delete is
 * seen by listing again, and the photo is put back from the source its marker names (S3 lists are
 * strongly consistent).
 */
export async function leavePhotoSet(ctx: LeaveContext, user: string, targets: readonly string[]): Promise<void> {
  if (targets.length === 0) return;
  const set = photoSetHash(targets);
  await ctx.state.delete(ctx.state.keys.photoSetMember(set, user));
  if ((await firstMemberKey(ctx, set)) !== undefined) return;
  await mapConcurrently(targets, REQUESTS_AT_ONCE, (target) => ctx.state.delete(ctx.state.keys.photoUser(target, set)));
  if (await remarkIfJoined(ctx, set)) return;
  // Each photo's release is its own sequence (list, delete, list again); photos go together.
  await mapConcurrently(targets, REQUESTS_AT_ONCE, async (target) => {
    if ((await firstUserKey(ctx, target)) !== undefined) return;
    await ctx.writer.remove(target);
    await restoreIfUsed(ctx, target);
  });
}

/** The key of one member of the set (one LIST of one key), or undefined when it has none. */
async function firstMemberKey(ctx: StateAccess, set: string): Promise<string | undefined> {
  return (await ctx.state.list(ctx.state.keys.photoSetMembers(set), 1)).objects[0]?.key;
}

/** The key of one user marker of the photo (one LIST of one key), or undefined when nobody uses it. */
async function firstUserKey(ctx: StateAccess, target: string): Promise<string | undefined> {
  return (await ctx.state.list(ctx.state.keys.photoUsers(target), 1)).objects[0]?.key;
}

/**
 * After deleting an empty set's photo markers: puts them back if a story joined meanwhile, from the
 * photos its member marker lists; true when it did. A member gone between listing and reading left
 * too: list again.
 */
async function remarkIfJoined(ctx: StateAccess, set: string): Promise<boolean> {
  for (let attempt = 0; attempt < RESTORE_ATTEMPTS; attempt++) {
    const key = await firstMemberKey(ctx, set);
    if (key === undefined) return false;
    const photos = (await ctx.state.readJson<SetPhoto[]>(key))?.value;
    if (!photos) continue;
    await markPhotos(ctx, { hash: set, photos });
    return true;
  }
  throw new Error(`photo set ${set}: its members kept leaving while its markers were being restored; publish the story again`);
}

/**
 * After deleting a photo: puts it back if a user appeared meanwhile, from the source its marker
 * names. A marker gone between listing and reading was released too: list again.
 */
async function restoreIfUsed(ctx: LeaveContext, target: string): Promise<void> {
  for (let attempt = 0; attempt < RESTORE_ATTEMPTS; attempt++) {
    const key = await firstUserKey(ctx, target);
    if (key === undefined) return;
    const user = (await ctx.state.readJson<PhotoUser>(key))?.value;
    if (!user) continue;
    // A photo replaced or removed since its user planned it stays away: under this path, other bytes would be wrong for a year.
    const restored = await ctx.writer.ensurePhoto(target, { key: user.source, etag: user.etag }, user.mimeType).then(() => true, unlessPhotoChanged);
    if (!restored) await warnPhotoLost(ctx, target, user, ctx.state.keys.setOfPhotoUser(key));
    return;
  }
  throw new Error(`${target}: its users kept leaving while it was being restored; publish the story again`);
}

/**
 * The story that started using the photo while it was deleted now points at a missing file, and
 * nothing will bring it back by itself (changes under `media/` are not mapped to stories): the
 * operator is told which story to publish again (one member of the set), which plans the photo's new version.
 */
async function warnPhotoLost(ctx: StateAccess & ContentAccess & Pick<Reports, 'warnings'>, target: string, user: PhotoUser, set: string): Promise<void> {
  // Only to name the story: a failed read must not fail the record, whose retry would not get here again.
  const named = await (async () => {
    const member = await firstMemberKey(ctx, set);
    if (member === undefined) return {};
    const hash = ctx.state.keys.userOfSetMember(member);
    const story = (await ctx.state.readJson<Pick<StoryRecord, 'key'>>(ctx.state.keys.record(hash)))?.value.key;
    return { user: hash, ...(story !== undefined && { story: ctx.content.prefix + story }) };
  })().catch(() => ({}));
  ctx.warnings.push({
    message: 'photo not restored: its source was replaced or removed since a story planned it; publish that story again',
    details: { photo: target, source: user.source, etag: user.etag, set, ...named },
  });
}

/** Listings tried when the marker listed keeps disappearing before it is read (users leaving one after another). */
const RESTORE_ATTEMPTS = 5;

function unlessPhotoChanged(error: unknown): false {
  if (!(error instanceof PhotoChangedError)) throw error;
  return false;
}
