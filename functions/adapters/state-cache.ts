/**
 * The text and ETag of state objects this process last read or wrote, so the next read can ask S3
 * for the body only if it changed (`If-None-Match`). A warm Lambda container usually wrote the feed
 * windows it reads next: a 304 then spares moving and decoding megabytes per publish. Entries are
 * only ever served after S3 confirmed the ETag, so a stale entry costs a full read, never a wrong one.
 */
export class StateCache {
  private readonly held = new Map<string, { etag: string; text: string }>();
  private chars = 0;

  /** `maxChars` bounds the texts held (UTF-16 code units); the least recently used go first. */
  constructor(private readonly maxChars: number) {}

  get(key: string): { etag: string; text: string } | undefined {
    const entry = this.held.get(key);
    if (!entry) return undefined;
    // Map order is insertion order: re-inserting marks the entry most recently used.
    this.held.delete(key);
    this.held.set(key, entry);
    return entry;
  }

  set(key: string, etag: string, text: string): void {
    this.delete(key);
    if (text.length > this.maxChars) return;
    this.held.set(key, { etag, text });
    this.chars += text.length;
    for (const [oldest, entry] of this.held) {
      if (this.chars <= this.maxChars) break;
      this.held.delete(oldest);
      this.chars -= entry.text.length;
    }
  }

  delete(key: string): void {
    const entry = this.held.get(key);
    if (!entry) return;
    this.held.delete(key);
    this.chars -= entry.text.length;
  }
}
