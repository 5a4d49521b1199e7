import type { MediaFile } from '../core/media/plan-media.js';

/**
 * The size and SHA-256 of content photos this process read, by location, with the ETag they were
 * read at. A publish asks S3 for a held photo only if it changed (`If-None-Match`): a correction
 * shows the same photos again, and reading and hashing them anew moved megabytes per publish.
 * Bounded by count (the facts are a hundred bytes or so each); the least recently used go first.
 */
export class HeldPhotos {
  private readonly held = new Map<string, { etag: string; facts: MediaFile }>();

  constructor(private readonly max: number) {}

  get(id: string): { etag: string; facts: MediaFile } | undefined {
    const entry = this.held.get(id);
    if (!entry) return undefined;
    // Map order is insertion order: re-inserting marks the entry most recently used.
    this.held.delete(id);
    this.held.set(id, entry);
    return entry;
  }

  set(id: string, etag: string, facts: MediaFile): void {
    this.held.delete(id);
    this.held.set(id, { etag, facts });
    for (const oldest of this.held.keys()) {
      if (this.held.size <= this.max) break;
      this.held.delete(oldest);
    }
  }
}
