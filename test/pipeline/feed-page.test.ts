import { describe, expect, it } from 'vitest';
import { attributesOf, auditPage, textsOf } from '../hostile/html-audit.js';
import { Site, story, useHarness } from './harness.js';

const harness = useHarness();

/** The story links a feed page lists, and the item links of the JSON Feed beside it: the same, in order. */
async function pageAndFeedLinks(site: Site, folder: string): Promise<[string[], string[]]> {
  const prefix = folder ? `${folder}/` : '';
  const page = (await site.read(`${prefix}feed.html`))!;
  const feed = JSON.parse((await site.read(`${prefix}feed.json`))!) as { items: Array<{ url: string }> };
  return [attributesOf(page, 'a', 'href').filter((href) => href.includes('/stories/')), feed.items.map((item) => item.url)];
}

describe('the feed pages written by the Lambda publisher', () => {
  it('writes a feed.html beside every feed set it publishes, archives included, and keeps it current', async () => {
    // Given: a site whose pages hold two items, so five stories close two archive pages.
    const site = await new Site(harness, 'feed-page', { ITEM_LIMIT: '2' }).create();
    const keys: string[] = [];
    for (let n = 1; n <= 5; n++) keys.push(await site.putStory(`s${n}`, story(n, { subjects: ['Economy'] })));
    // When: each story arrives in its own event, as S3 notifies them.
    for (const key of keys) expect((await site.publish(key)).batchItemFailures).toEqual([]);
    // Then: the main feed, the section and each archive page have their page, listing what their feed lists.
    for (const folder of ['', 'sections/economy', 'archive/1', 'archive/2', 'sections/economy/archive/1']) {
      const [pageLinks, feedLinks] = await pageAndFeedLinks(site, folder);
      expect(pageLinks.length, folder).toBeGreaterThan(0);
      expect(pageLinks, folder).toEqual(feedLinks);
    }
    const main = (await site.getObject('feed.html'))!;
    expect(main.contentType).toBe('text/html; charset=utf-8');
    expect(main.cacheControl).toBe((await site.getObject('rss.xml'))!.cacheControl);
    expect(auditPage(main.body)).toEqual([]);
    expect(textsOf(main.body, 'code')).toEqual(['rss.xml', 'atom.xml', 'feed.json'].map((name) => `https://feeds.example.com/${name}`));
    // And a correction reaches the page as it reaches the feed.
    await site.putStory('s5', story(5, { version: 2, headline: 'Story 5, corrected', subjects: ['Economy'] }));
    expect((await site.publish(keys[4]!)).batchItemFailures).toEqual([]);
    expect(textsOf((await site.read('feed.html'))!, 'a')).toContain('Story 5, corrected');
    expect(textsOf((await site.read('sections/economy/feed.html'))!, 'a')).toContain('Story 5, corrected');
  });

  it('writes the same pages from a rebuild as from publishing one story at a time', async () => {
    const site = await new Site(harness, 'feed-page-rebuild', { ITEM_LIMIT: '2' }).create();
    const keys: string[] = [];
    for (let n = 1; n <= 5; n++) keys.push(await site.putStory(`s${n}`, story(n, { subjects: ['Economy'] })));
    for (const key of keys) expect((await site.publish(key)).batchItemFailures).toEqual([]);
    const pages = (await site.list()).filter((path) => path.endsWith('feed.html'));
    const before = await Promise.all(pages.map((path) => site.read(path)));
    await site.command('rebuild');
    expect((await site.list()).filter((path) => path.endsWith('feed.html'))).toEqual(pages);
    expect(await Promise.all(pages.map((path) => site.read(path)))).toEqual(before);
  });
});
