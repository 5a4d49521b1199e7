import { LruMap } from './lru-map.js';

import type { StateBody } from '../core/ports/state-store.js';

/**
 * The body and ETag of state objects this process last read or wrote, so the next read can ask S3
 * for the body only if it changed (`If-None-Match`). A warm Lambda container usually wrote the feed
 * windows it reads next: a 304 then spares moving and decoding megabytes per publish. Entries are
 * only ever served after S3 confirmed the ETag, so a stale entry costs a full read, never a wrong one.
 */
export class StateCache extends LruMap<{ etag: string; body: StateBody }> {
  /** `maxSize` bounds the bodies kept (UTF-16 code units of texts, bytes of the rest). */
  constructor(maxSize: number) {
    super(maxSize, ({ body }) => (typeof body === 'string' ? body.length : body.byteLength));
  }
}
