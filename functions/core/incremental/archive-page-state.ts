import type { WindowEntry } from './feed-window.js';

/** A closed archive page's state as the Lambda stores it: its items (newest first) and the MD5 of each file last written. */
export interface ArchivePageState {
  entries: WindowEntry[];
  files: Record<string, string>;
}
