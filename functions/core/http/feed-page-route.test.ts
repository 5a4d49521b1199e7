import { describe, expect, it } from 'vitest';
import { feedPagePath, isFeedPath } from './feed-page-route.js';

const CHROMIUM = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('feedPagePath', () => {
  it('sends a browser opening any feed file to the page beside it', () => {
    expect(feedPagePath('/rss.xml', CHROMIUM)).toBe('/feed.html');
    expect(feedPagePath('/atom.xml', CHROMIUM)).toBe('/feed.html');
    expect(feedPagePath('/feed.json', CHROMIUM)).toBe('/feed.html');
    expect(feedPagePath('/sections/politics/archive/2/rss.xml', 'text/html')).toBe('/sections/politics/archive/2/feed.html');
  });

  it('gives feed readers the feed: feed types, */*, no Accept, or text/html refused', () => {
    for (const accept of ['application/rss+xml, */*;q=0.1', 'application/feed+json', 'text/html;q=0.5, application/atom+xml', '*/*', undefined, 'text/html;q=0, */*', 'text/html; q=0.000']) {
      expect(feedPagePath('/rss.xml', accept), accept).toBeUndefined();
    }
  });

  it('leaves pages, photos and partner feeds alone', () => {
    for (const path of ['/', '/index.html', '/feed.html', '/media/x/rss.xml.jpg', '/partners/msn/rss.xml']) expect(feedPagePath(path, CHROMIUM), path).toBeUndefined();
    expect(isFeedPath('/sections/a/feed.json')).toBe(true);
    expect(isFeedPath('/feed.html')).toBe(false);
  });
});
