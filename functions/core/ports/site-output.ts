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
  /** Tells whether a file the last build wrote is still there. */
  presence(): (path: string) => boolean;
  /** Removes what the last build wrote and this one did not; returns the paths removed. */
  removeStale(previous: Iterable<string>, current: ReadonlySet<string>): string[];
}
