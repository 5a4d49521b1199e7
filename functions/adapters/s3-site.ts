import { contentTypeOf } from '../core/content-types.js';
import { cacheControlOf } from '../core/incremental/cache-control.js';
import { md5Hex } from '../core/incremental/layout.js';
import type { FragmentBytes } from '../core/incremental/fragment-bytes.js';
import { deleteObject, headObject, putObject, type S3Location } from './s3-store.js';

/**
 * Writes public files of the site and remembers which paths changed, for the CDN invalidation.
 * A file whose MD5 equals the one last published is not written again.
 */
export class SiteWriter {
  /**
   * `fragments` expands the tokens of bodies rendered from framed state into the bytes they name;
   * `changed` collects the public paths written or deleted (relative to the site prefix).
   */
  constructor(
    readonly site: S3Location,
    private readonly fragments: FragmentBytes,
    readonly changed = new Set<string>(),
  ) {}

  /** A writer of the same site expanding tokens from other fragments, recording into the same `changed`. */
  withFragments(fragments: FragmentBytes): SiteWriter {
    return new SiteWriter(this.site, fragments, this.changed);
  }

  /** Writes a file unless its MD5 equals `previousMd5`; returns the new MD5. */
  async publish(path: string, body: string | Uint8Array, previousMd5?: string): Promise<string> {
    const bytes = typeof body === 'string' ? this.fragments.bytesOf(body) : body;
    const md5 = md5Hex(bytes);
    if (md5 === previousMd5) return md5;
    await putObject(this.site, path, bytes, { contentType: contentTypeOf(path), cacheControl: cacheControlOf(path) });
    this.changed.add(path);
    return md5;
  }

  /**
   * Puts a content-versioned photo unless it is already there (its bytes, or how to read them, are
   * asked for only then). Its path changes with its bytes, so an existing object is the same photo;
   * new paths were never cached and need no invalidation.
   */
  async ensurePhoto(path: string, bytes: Uint8Array | (() => Promise<Uint8Array>), mimeType: string): Promise<void> {
    if ((await headObject(this.site, path)) !== undefined) return;
    const body = typeof bytes === 'function' ? await bytes() : bytes;
    await putObject(this.site, path, body, { contentType: mimeType || contentTypeOf(path), cacheControl: cacheControlOf(path) });
  }

  /** Deletes a public file and records the path for invalidation. */
  async remove(path: string): Promise<void> {
    await deleteObject(this.site, path);
    this.changed.add(path);
  }
}
