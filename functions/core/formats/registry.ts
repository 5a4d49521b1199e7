import type { FeedFormat } from './feed-format.js';
import { RSS } from './rss/rss-format.js';
import { ATOM } from './atom/atom-format.js';
import { JSON_FEED } from './json-feed/json-feed-format.js';

/**
 * Every format a feed set is published in, in the order its files are written and its links listed.
 * A new format is a folder beside `rss/` and one line here.
 */
export const FORMATS = [RSS, ATOM, JSON_FEED] as const satisfies readonly FeedFormat[];

/** The id of a registered format: the key of its fragment in a rendered item and of its URL in a feed set's URLs. */
export type FormatId = (typeof FORMATS)[number]['id'];

/** The format whose file is called `fileName`, if any. */
export function formatOfFile(fileName: string): FeedFormat<FormatId> | undefined {
  return FORMATS.find((format) => format.fileName === fileName);
}
