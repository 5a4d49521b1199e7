import { FORMATS } from '../formats/registry.js';
import { encodePath } from '../media/plan-media.js';

const FEED_NAMES = new Set<string>(FORMATS.map((format) => format.fileName));

/**
 * WebSub topics to announce after a publish: the absolute URL of every feed file that changed
 * (a removed section feed too, so subscribers learn it is gone), sorted. A feed's topic is the URL
 * its `rel="self"` link names.
 */
export function changedFeedTopics(changed: Iterable<string>, baseUrl: string): string[] {
  const topics = new Set<string>();
  for (const path of changed) {
    // Partner feeds are behind per-partner keys: a public hub could not fetch them, and would learn their URLs.
    if (path.startsWith('partners/')) continue;
    if (FEED_NAMES.has(path.slice(path.lastIndexOf('/') + 1))) topics.add(`${baseUrl}/${encodePath(path)}`);
  }
  return [...topics].sort();
}
