import { describe, expect, it } from 'vitest';
import { Site, story, useHarness } from './harness.js';

const harness = useHarness();

const BASE = 'https://feeds.example.com';

/** Same-site hrefs of a page (`<a>` and `<link>`), as the site paths they are served from. */
function linkedPaths(html: string, pagePath: string): string[] {
  const pageUrl = `${BASE}/${pagePath.replace(/index\.html$/, '')}`;
  return [...html.matchAll(/<(?:a|link)\b[^>]*\bhref="([^"]+)"/g)]
    .map((match) => new URL(match[1]!.replaceAll('&amp;', '&'), pageUrl))
    .filter((url) => url.origin === BASE)
    .map((url) => {
      const path = decodeURIComponent(url.pathname).slice(1);
      return path === '' || path.endsWith('/') ? `${path}index.html` : path;
    });
}

describe('pages link up (Lambda publish)', () => {
  it('rewrites the index to link a section as soon as a story brings it, and every page link resolves', async () => {
    // Given
    const site = await new Site(harness, 'page-links').create();
    const sectionPages = async () => linkedPaths((await site.read('index.html'))!, 'index.html').filter((path) => path.startsWith('sections/') && path.endsWith('/index.html'));
    // When: a story in Alpha, then one in Beta, then a correction of the first that adds Gamma
    expect((await site.publish(await site.putStory('a', story(1, { subjects: ['Alpha'] })))).batchItemFailures).toEqual([]);
    expect(await sectionPages()).toEqual(['sections/alpha/index.html']);
    expect((await site.publish(await site.putStory('b', story(2, { subjects: ['Beta'] })))).batchItemFailures).toEqual([]);
    expect(await sectionPages()).toEqual(['sections/alpha/index.html', 'sections/beta/index.html']);
    expect((await site.publish(await site.putStory('a', story(1, { version: 2, subjects: ['Alpha', 'Gamma'] })))).batchItemFailures).toEqual([]);
    // Then: the index links all three section pages…
    expect(await sectionPages()).toEqual(['sections/alpha/index.html', 'sections/beta/index.html', 'sections/gamma/index.html']);
    // …the corrected story's page links both its sections and their feeds, and the site's
    const written = new Set(await site.list());
    const storyPages = [...written].filter((path) => path.startsWith('stories/'));
    const pages = await Promise.all(storyPages.map(async (path) => ({ path, html: (await site.read(path))! })));
    const corrected = pages.find(({ html }) => html.includes('Body of story 1, version 2'))!;
    expect(linkedPaths(corrected.html, corrected.path)).toEqual(expect.arrayContaining([
      'sections/alpha/index.html', 'sections/gamma/index.html', 'sections/gamma/rss.xml', 'sections/gamma/atom.xml', 'sections/gamma/feed.json', 'rss.xml', 'atom.xml', 'feed.json', 'feeds.opml',
    ]));
    // …and no link of any page points at a file the publisher did not write
    for (const path of [...written].filter((key) => key.endsWith('.html'))) {
      const missing = linkedPaths((await site.read(path))!, path).filter((target) => !written.has(target));
      expect(missing, path).toEqual([]);
    }
  });
});
