/**
 * How long readers and the CDN may keep each kind of object the publisher stores in S3: the one
 * place Cache-Control headers are decided. CloudFront honours these headers (infra/delivery.ts,
 * cache policy with min TTL 0), so what is written here is what readers get.
 */

/** What an object is, as far as caching goes. */
export type ObjectKind = 'feed' | 'archive-page' | 'story-page' | 'asset' | 'photo' | 'state';

/**
 * Feeds change every few minutes and readers poll, so they are fresh for a minute and may be served
 * stale while the CDN revalidates. Archive pages get the same: a correction or a kill edits a closed
 * page (RFC 5005 §4 lets archives change), and readers must not keep the old copy for long. Story
 * pages and the stylesheets change less and nobody polls them. A photo under `media/<hash>/` never
 * changes (new bytes get a new path), so it is cached for a year. Publisher state is never cached:
 * the CDN refuses `_wirefeed/`, and conditional writes depend on reading the latest copy.
 */
const CACHE_CONTROL: Readonly<Record<ObjectKind, string>> = {
  feed: 'public, max-age=60, stale-while-revalidate=300',
  'archive-page': 'public, max-age=60, stale-while-revalidate=300',
  'story-page': 'public, max-age=300, stale-while-revalidate=3600',
  asset: 'public, max-age=300, stale-while-revalidate=3600',
  photo: 'public, max-age=31536000, immutable',
  state: 'no-store',
};

/** The Cache-Control an object of this kind is stored with. */
export function cacheControlOf(kind: ObjectKind): string {
  return CACHE_CONTROL[kind];
}

/** `archive/<n>/…` of the main feed or of a section (`sections/<slug>/archive/<n>/…`). */
const ARCHIVE_PAGE = /^(sections\/[^/]+\/)?archive\/\d+\//;

/**
 * The kind of a public site path, from the site's layout: photos under `media/`, story pages under
 * `stories/`, the two stylesheets at the root, archive pages under `archive/<n>/`; everything else
 * (feeds, their HTML pages, index, OPML, sitemap, partner feeds) follows the feeds.
 */
export function kindOfSitePath(path: string): ObjectKind {
  if (path.startsWith('media/')) return 'photo';
  if (path.startsWith('stories/')) return 'story-page';
  if (path === 'style.css' || path === 'feed.xsl') return 'asset';
  if (ARCHIVE_PAGE.test(path)) return 'archive-page';
  return 'feed';
}
