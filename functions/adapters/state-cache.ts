/** A state object as held: its text (JSON state) or its bytes (framed state). */
export type HeldBody = string | Uint8Array;

/**
 * The body and ETag of state objects this process last read or wrote, so the next read can ask S3
 * for the body only if it changed (`If-None-Match`). A warm Lambda container usually wrote the feed
 * windows it reads next: a 304 then spares moving and decoding megabytes per publish. Entries are
 * only ever served after S3 confirmed the ETag, so a stale entry costs a full read, never a wrong one.
 */
export class StateCache {
  private readonly held = new Map<string, { etag: string; body: HeldBody }>();
  private size = 0;

  /** `maxSize` bounds the bodies held (UTF-16 code units of texts, bytes of the rest); the least recently used go first. */
  constructor(private readonly maxSize: number) {}

  get(key: string): { etag: string; body: HeldBody } | undefined {
    const entry = this.held.get(key);
    if (!entry) return undefined;
    // Map order is insertion order: re-inserting marks the entry most recently used.
    this.held.delete(key);
    this.held.set(key, entry);
    return entry;
  }

  set(key: string, etag: string, body: HeldBody): void {
    this.delete(key);
    if (sizeOf(body) > this.maxSize) return;
    this.held.set(key, { etag, body });
    this.size += sizeOf(body);
    for (const [oldest, entry] of this.held) {
      if (this.size <= this.maxSize) break;
      this.held.delete(oldest);
      this.size -= sizeOf(entry.body);
    }
  }

  delete(key: string): void {
    const entry = this.held.get(key);
    if (!entry) return;
    this.held.delete(key);
    this.size -= sizeOf(entry.body);
  }
}

function sizeOf(body: HeldBody): number {
  return typeof body === 'string' ? body.length : body.byteLength;
}
