import { mediaRefKey } from '../core/incremental/layout.js';
import type { MediaCopy } from '../core/media/published-photo.js';
import { deleteObject, getObject } from '../adapters/s3-store.js';
import { readJson, updateJson } from '../adapters/s3-state.js';
import type { PublishContext } from './publish-context.js';

/** Who uses one published photo, and where its bytes came from (to restore it after a lost race). */
interface MediaRefs {
  source: string;
  mimeType: string;
  users: string[];
}

/**
 * Makes each photo available before any page or feed points at it: first the story is added to the
 * photo's users (so a concurrent release cannot delete it), then the object is put if missing.
 */
export async function ensurePhotos(ctx: PublishContext, user: string, copies: MediaCopy[], bytes: Map<string, Uint8Array>): Promise<void> {
  for (const copy of copies) {
    await updateJson<MediaRefs>(ctx.site, mediaRefKey(copy.target), async (current) =>
      current?.users.includes(user) ? undefined : { source: copy.source, mimeType: copy.mimeType, users: [...(current?.users ?? []), user] },
    );
    await ctx.writer.ensurePhoto(copy.target, bytes.get(copy.source)!, copy.mimeType);
  }
}

/**
 * Drops the story from each photo's users and deletes photos nobody uses any more. A publisher that
 * added itself between our release and our delete is detected by reading the users again, and the
 * photo is put back from its content source.
 */
export async function releasePhotos(ctx: PublishContext, user: string, targets: string[]): Promise<void> {
  for (const target of targets) {
    const key = mediaRefKey(target);
    const after = await updateJson<MediaRefs>(ctx.site, key, async (current) =>
      current?.users.includes(user) ? { ...current, users: current.users.filter((other) => other !== user) } : undefined,
    );
    if (after && after.users.length > 0) continue;
    await ctx.writer.remove(target);
    const again = await readJson<MediaRefs>(ctx.site, key);
    if (again && again.value.users.length > 0) {
      const source = await getObject(ctx.content, again.value.source);
      if (source) await ctx.writer.ensurePhoto(target, source.body, again.value.mimeType);
      continue;
    }
    if (again) await deleteObject(ctx.site, key);
  }
}
