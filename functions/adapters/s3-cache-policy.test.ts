import { describe, expect, it } from 'vitest';
import { cacheControlOf, kindOfSitePath } from './s3-cache-policy.js';

describe('S3 cache policy', () => {
  it('classifies every kind of public path the publisher writes', () => {
    // Given one path of each shape the site layout produces
    const paths = {
      'rss.xml': 'feed',
      'sections/politics/feed.json': 'feed',
      'partners/msn/rss.xml': 'feed',
      'news-sitemap.xml': 'feed',
      'index.html': 'feed',
      'feeds.opml': 'feed',
      'feed.html': 'feed',
      'archive/3/atom.xml': 'archive-page',
      'sections/politics/archive/12/feed.html': 'archive-page',
      'stories/story-1-0123456789abcdef.html': 'story-page',
      'style.css': 'asset',
      'feed.xsl': 'asset',
      'media/0123456789abcdef/photo one.jpg': 'photo',
      // A section whose slug is "archive" is a section feed, not an archive page.
      'sections/archive/rss.xml': 'feed',
    };
    // Then each is recognised as its kind
    expect(Object.fromEntries(Object.keys(paths).map((path) => [path, kindOfSitePath(path)]))).toEqual(paths);
  });

  it('keeps feeds a minute, pages five minutes, photos a year and state never', () => {
    // These are the headers CloudFront honours (infra/delivery.ts): a change here changes what readers see.
    expect(cacheControlOf('feed')).toBe('public, max-age=60, stale-while-revalidate=300');
    expect(cacheControlOf('archive-page')).toBe('public, max-age=60, stale-while-revalidate=300');
    expect(cacheControlOf('story-page')).toBe('public, max-age=300, stale-while-revalidate=3600');
    expect(cacheControlOf('asset')).toBe('public, max-age=300, stale-while-revalidate=3600');
    expect(cacheControlOf('photo')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlOf('state')).toBe('no-store');
  });
});
