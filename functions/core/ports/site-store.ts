import type { FragmentBytes } from '../incremental/fragment-bytes.js';
import type { PhotoSource } from './story-store.js';

/**
 * Where the Lambda's use cases write the public files of the site (adapters/s3-site.ts), each with
 * the headers of its kind; it remembers which paths changed, for the CDN invalidation and WebSub.
 */
export interface SiteStore {
  /** Public paths written or deleted so far (relative to the site). */
  readonly changed: Set<string>;
  /** A store of the same site expanding tokens from other fragments, recording into the same `changed`. */
  withFragments(fragments: FragmentBytes): SiteStore;
  /** Writes a file unless its MD5 equals `previousMd5`; returns the new MD5. */
  publish(path: string, body: string | Uint8Array, previousMd5?: string): Promise<string>;
  /**
   * Copies a content photo's version to `path` unless it is there already; PhotoChangedError when
   * that version is gone. `absent`: the caller has just found nothing at `path`, so it is not asked again.
   */
  ensurePhoto(path: string, source: PhotoSource, mimeType: string, absent?: boolean): Promise<void>;
  /** Deletes a public file and records the path. */
  remove(path: string): Promise<void>;
}

/** A photo was replaced or removed between being looked up and copied: its planned path would be wrong. */
export class PhotoChangedError extends Error {
  override readonly name = 'PhotoChangedError';

  constructor(
    readonly path: string,
    readonly removed: boolean,
    options?: { cause?: unknown },
  ) {
    super(`${path} was ${removed ? 'removed' : 'changed'} while its story was being published; the story is published again`, options);
  }
}
