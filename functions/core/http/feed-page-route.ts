import { FEED_PAGE_FILE } from '../feed.js';
import { FORMATS } from '../formats/registry.js';

const FEED_NAMES = new Set<string>(FORMATS.map((format) => format.fileName));
const PARTNER_PREFIX = '/partners/';
/** Media types a feed reader asks for; a request naming one wants the feed, whatever else it accepts. */
const FEED_TYPES = new Set<string>(FORMATS.map((format) => format.mediaType));

/**
 * The path a request for a feed file is served from: the feed set's HTML view (`feed.html` beside
 * it) when the Accept header asks for `text/html` and for no feed type — a browser opening the
 * link — and undefined otherwise, so feed readers (`*\/*`, feed types, or no Accept) get the feed
 * bytes. A type given `q=0` is refused, not asked for (RFC 9110 §12.5.1). Partner feeds have no
 * page (they are for partners' machines, and CloudFront serves them on their own behaviour).
 * Responses to feed paths must carry `Vary: Accept`. The deployed CloudFront viewer-request
 * function (`functions/edge/viewer-request.js`) makes the same decision; a test keeps them in step.
 */
export function feedPagePath(pathname: string, accept: string | undefined): string | undefined {
  const slash = pathname.lastIndexOf('/');
  if (!FEED_NAMES.has(pathname.slice(slash + 1)) || accept === undefined || pathname.startsWith(PARTNER_PREFIX)) return undefined;
  const wanted = accept
    .split(',')
    .map((range) => range.split(';'))
    .filter(([, ...params]) => !params.some((param) => /^\s*q\s*=\s*0(?:\.0*)?\s*$/i.test(param)))
    .map(([type]) => type!.trim().toLowerCase());
  if (!wanted.includes('text/html') || wanted.some((type) => FEED_TYPES.has(type))) return undefined;
  return pathname.slice(0, slash + 1) + FEED_PAGE_FILE;
}

/** True for a path whose response depends on Accept (a feed file), so it must say `Vary: Accept`. */
export function isFeedPath(pathname: string): boolean {
  return FEED_NAMES.has(pathname.slice(pathname.lastIndexOf('/') + 1));
}
