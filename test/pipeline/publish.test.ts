import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseRssFeed } from 'feedsmith';
import { startHarness, Site, story, type Harness } from './harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

const photoBytes = (seed: string) => new TextEncoder().encode(`not really a jpeg: ${seed}`);

describe('incremental publish', () => {
  it('publishes a first story with its photo, section feed, page and index', async () => {
    // Given
    const site = await new Site(harness, 'first').create();
    await site.putPhoto('media/a/photo one.jpg', photoBytes('one'));
    const key = await site.putStory('a', story(1, { subjects: ['Politics'], photo: 'media/a/photo%20one.jpg' }));
    // When
    const result = await site.publish(key);
    // Then
    expect(result.batchItemFailures).toEqual([]);
    const rss = await site.getObject('rss.xml');
    expect(rss?.contentType).toBe('application/rss+xml; charset=utf-8');
    expect(rss?.cacheControl).toBe('public, max-age=60, stale-while-revalidate=300');
    const feed = parseRssFeed(rss!.body);
    expect(feed.items?.map((item) => item.guid?.value)).toEqual(['urn:wirefeed:test:story-1']);
    const enclosure = feed.items?.[0]?.enclosures?.[0]?.url ?? '';
    expect(enclosure).toMatch(/^https:\/\/feeds\.example\.com\/media\/[0-9a-f]{16}\/photo%20one\.jpg$/);
    const photoPath = decodeURI(new URL(enclosure).pathname.slice(1));
    const photo = await site.getObject(photoPath);
    expect(photo?.body).toBe('not really a jpeg: one');
    expect(photo?.cacheControl).toBe('public, max-age=31536000, immutable');
    expect(await site.feedIds('sections/politics')).toEqual(['urn:wirefeed:test:story-1']);
    expect((await site.getObject('sections/politics/feed.json'))?.contentType).toBe('application/feed+json; charset=utf-8');
    expect(await site.read('index.html')).toContain('sections/politics/rss.xml');
    expect(await site.list('stories/')).toHaveLength(1);
  });
});
