import type { FeedFolder } from './layout.js';

/**
 * What the publisher last did with one story file, stored as `StateKeys.record(hash)`. It is written
 * last, after feeds and photos, so a failed publish is retried against the previous record and
 * can still undo what that version published (old sections, old photos, old page).
 */
export interface StoryRecord {
  /** Content key relative to the content prefix, e.g. `stories/a.json`. */
  key: string;
  /** `superseded`: another file carries the same uri with a newer version (or claimed it first at an equal one). */
  status: 'published' | 'held' | 'superseded';
  /** Published stories only: a held record names no uri, since state sits in the public bucket. */
  id?: string;
  /** `claimHash` of the uri the file carries (see `uri-claim.ts`), so a deleted file can leave its claim. */
  claim?: string;
  version: string;
  /** ETag of the source object this record was made from. */
  etag?: string;
  /** Held stories: when the `release` run may publish them (ISO 8601). */
  releaseAt?: string;
  /** Published stories: first publication (ISO 8601), which places its order markers. */
  published?: string;
  /** Feeds the story is in. */
  feeds: FeedFolder[];
  /** Site paths of the photos it uses (`media/<hash>/<name>`). */
  photos: string[];
  /** Published stories: MD5 of the item object written before this record (skip rewriting it unchanged). */
  itemMd5?: string;
  /** Its page, with the MD5 of the bytes last written. */
  page?: { path: string; md5: string };
  /** Published stories: the RFC 5005 archive page it is on in each feed (`core/outputs/feed-set/archive-plan.ts`). */
  pages?: Record<FeedFolder, number>;
}
