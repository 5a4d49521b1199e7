/**
 * Cache-Control of each published path. Feeds change every few minutes and readers poll, so they
 * are fresh for a minute and may be served stale while the CDN revalidates. Photos under
 * `media/<hash>/` never change (a new file gets a new hash), so they are cached for a year.
 */
export const CACHE_CONTROL = {
  feed: 'public, max-age=60, stale-while-revalidate=300',
  page: 'public, max-age=300, stale-while-revalidate=3600',
  immutable: 'public, max-age=31536000, immutable',
  state: 'no-store',
} as const;

/** The Cache-Control to store a site path with. */
export function cacheControlOf(path: string): string {
  if (path.startsWith('media/')) return CACHE_CONTROL.immutable;
  if (path.startsWith('_wirefeed/')) return CACHE_CONTROL.state;
  if (path.startsWith('stories/') || path === 'style.css' || path === 'feed.xsl') return CACHE_CONTROL.page;
  return CACHE_CONTROL.feed;
}
