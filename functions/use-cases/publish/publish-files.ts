import type { SiteFile } from '../../core/site-file.js';
import { mapConcurrently, REQUESTS_AT_ONCE } from '../concurrently.js';

/**
 * Publishes the files of one feed set, archive page or window together (none links another that is
 * not written yet), and returns path → MD5 in the files' order, whatever order the writes finished
 * in: the state that records them must have the same text when nothing changed.
 */
export async function publishFiles(files: readonly SiteFile[], publish: (file: SiteFile) => Promise<string>): Promise<Record<string, string>> {
  const md5s = await mapConcurrently(files, REQUESTS_AT_ONCE, publish);
  return Object.fromEntries(files.map((file, index) => [file.path, md5s[index]!]));
}
