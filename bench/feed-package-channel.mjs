// The `feed` package's channel as both `feed` jobs of the bench build it (bench/feed-build.mjs, a
// standalone child process, and bench/renderers.mjs under tsx): plain JS, no wirefeed imports.
import { Feed } from 'feed';

/** A `feed` Feed for the site, dated by its newest story (never the clock). */
export function newFeedPackageFeed(site, updated) {
  return new Feed({
    title: site.title,
    description: site.description,
    id: `${site.baseUrl}/`,
    link: `${site.baseUrl}/`,
    language: site.language,
    copyright: '',
    updated,
    feedLinks: { rss: `${site.baseUrl}/rss.xml`, atom: `${site.baseUrl}/atom.xml`, json: `${site.baseUrl}/feed.json` },
  });
}
