import type { SiteFile } from '../site-file.js';
import type { MediaCopy } from '../media/published-photo.js';

/** Where a CLI build writes the site (adapters/fs-site.ts): a folder a server or a sync reads. */
export interface SiteOutput {
  /** Makes the output root, naming it when it cannot be made. */
  make(): void;
  /** Writes finished files. */
  write(files: SiteFile[]): void;
  /** Writes one file under the root so that no reader ever sees half of it. */
  writeFile(path: string, body: Uint8Array): void;
  /** Copies photos from the content source beside the pages showing them. */
  copyMedia(copies: MediaCopy[]): void;
  /** Tells whether files the last build wrote are still there, for the length of one build. */
  presence(): OutputPresence;
  /** Removes what the last build wrote and this one did not; returns the paths removed. */
  removeStale(previous: Iterable<string>, current: ReadonlySet<string>): string[];
}

/** Whether the last build's files are still in the output folder, as one build asks. */
export interface OutputPresence {
  /** Whether a file the last build wrote is still there (asked only of those). */
  has(path: string): boolean;
  /**
   * Called once the build's writes and removals are done and before its manifest is saved: what it
   * found complete and did not touch since, the next build may take as still complete.
   */
  settle(): void;
}
