import { contentTypeOf } from '../core/content-types.js';
import { cacheControlOf, kindOfSitePath } from './s3-cache-policy.js';
import { md5Hex } from '../core/incremental/layout.js';
import type { FragmentBytes } from '../core/incremental/fragment-bytes.js';
import { copyObject, deleteObject, headObject, putObject, type S3Location } from './s3-store.js';
import { PreconditionFailedError } from '../core/ports/state-store.js';
import { PhotoChangedError, type SiteStore } from '../core/ports/site-store.js';
import type { PhotoSource } from '../core/ports/story-store.js';

/**
 * Writes public files of the site and remembers which paths changed, for the CDN invalidation.
 * A file whose MD5 equals the one last published is not written again.
 */
export class SiteWriter implements SiteStore {
  /**
   * `fragments` expands the tokens of bodies rendered from framed state into the bytes they name;
   * `changed` collects the public paths written or deleted (relative to the site prefix); photos
   * are copied from `content`.
   */
  constructor(
    readonly site: S3Location,
    private readonly content: S3Location,
    private readonly fragments: FragmentBytes,
    readonly changed = new Set<string>(),
  ) {}

  /** A writer of the same site expanding tokens from other fragments, recording into the same `changed`. */
  withFragments(fragments: FragmentBytes): SiteWriter {
    return new SiteWriter(this.site, this.content, fragments, this.changed);
  }

  /** Writes a file unless its MD5 equals `previousMd5`; returns the new MD5. */
  async publish(path: string, body: string | Uint8Array, previousMd5?: string): Promise<string> {
    const bytes = typeof body === 'string' ? this.fragments.bytesOf(body) : body;
    const md5 = md5Hex(bytes);
    if (md5 === previousMd5) return md5;
    await putObject(this.site, path, bytes, { contentType: contentTypeOf(path), cacheControl: cacheControlOf(kindOfSitePath(path)) });
    this.changed.add(path);
    return md5;
  }

  /**
   * Copies a content-versioned photo from the content bucket unless it is already there. The copy
   * is made inside S3, of the version planned only (PhotoChangedError once it was replaced or
   * removed). Its path changes with its bytes, so an existing object is the same photo; new paths
   * were never cached and need no invalidation. `absent`: the caller has just found nothing there.
   */
  async ensurePhoto(path: string, photo: PhotoSource, mimeType: string, absent = false): Promise<void> {
    if (!absent && (await headObject(this.site, path)) !== undefined) return;
    const source = { at: this.content, key: photo.key, etag: photo.etag };
    const what = this.content.prefix + photo.key;
    try {
      const copied = await copyObject(source, this.site, path, { contentType: mimeType || contentTypeOf(path), cacheControl: cacheControlOf('photo') });
      if (copied === undefined) throw new PhotoChangedError(what, true);
    } catch (error) {
      if (error instanceof PreconditionFailedError) throw new PhotoChangedError(what, false, { cause: error });
      throw error;
    }
  }

  /** Deletes a public file and records the path for invalidation. */
  async remove(path: string): Promise<void> {
    await deleteObject(this.site, path);
    this.changed.add(path);
  }
}
