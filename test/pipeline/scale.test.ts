import { describe, expect, it } from 'vitest';
import { photoBytes, Site, story, useHarness } from './harness.js';
import { putSiteJson, wireStory } from './parity-support.js';

const harness = useHarness();

/**
 * Seeds `count` stories with a full rebuild, then counts the S3 requests of one more story's publish.
 * The site has partner feeds (site.json) and the new story is recent, so the publish also updates
 * two partner feeds and the news sitemap; at 10/100 stories it fills an archive page, at 9/99 it closes one.
 */
async function requestsOfOneChange(count: number): Promise<{ total: number; lists: number; byMethod: Record<string, number> }> {
  const site = await new Site(harness, `scale-${count}`, { ITEM_LIMIT: '5' }).create();
  await putSiteJson(site, 5);
  await site.putPhoto('media/p.jpg', photoBytes('photo'));
  for (let n = 1; n <= count; n++) await site.putStory(`s${n}`, story(n, { subjects: [n % 2 ? 'Odd' : 'Even'], photo: 'media/p.jpg' }));
  await site.command('rebuild');
  expect(await site.feedIds()).toHaveLength(5);
  const key = await site.putStory('new', wireStory(100_001, 1, { subjects: ['Odd'] }));
  harness.proxy.requests = [];
  const result = await site.publish(key);
  expect(result.batchItemFailures).toEqual([]);
  const seen = harness.proxy.requests;
  const byMethod: Record<string, number> = {};
  for (const request of seen) byMethod[request.method] = (byMethod[request.method] ?? 0) + 1;
  expect((await site.feedIds())[0]).toBe('urn:wirefeed:test:story-100001');
  expect(await site.read('partners/flip-odd/rss.xml')).toContain('urn:wirefeed:test:story-100001');
  expect(await site.read('news-sitemap.xml')).toContain('<loc>');
  // Its three feed files and its feed page.
  if ((count + 1) % 5 === 0) expect(await site.list(`archive/${(count + 1) / 5}/`)).toHaveLength(4);
  return { total: seen.length, lists: seen.filter((request) => request.query.includes('list-type')).length, byMethod };
}

describe('cost of one change', () => {
  it('makes the same S3 requests at 10 and at 100 stories', async () => {
    // Given / When
    const small = await requestsOfOneChange(10);
    const large = await requestsOfOneChange(100);
    // Then
    console.info(`S3 requests per one-story publish: 10 stories ${JSON.stringify(small)}, 100 stories ${JSON.stringify(large)}`);
    expect(large).toEqual(small);
    expect(large.lists).toBe(0);
  });

  it('closes an archive page with the same S3 requests at 10 and at 100 stories', async () => {
    // Given / When: the 10th and the 100th story fill the main feed's newest archive page
    const small = await requestsOfOneChange(9);
    const large = await requestsOfOneChange(99);
    // Then
    console.info(`S3 requests per one-story publish that closes an archive page: 10 stories ${JSON.stringify(small)}, 100 stories ${JSON.stringify(large)}`);
    expect(large).toEqual(small);
    expect(large.lists).toBe(0);
  });

  it('refills a drained feed window from the order markers (bounded reads), matching a rebuild', async () => {
    // Given: limit 2 keeps 4 entries per window; 8 stories
    const site = await new Site(harness, 'refill', { ITEM_LIMIT: '2' }).create();
    const keys: string[] = [];
    for (let n = 1; n <= 8; n++) keys.push(await site.putStory(`s${n}`, story(n)));
    await site.publish(...keys);
    // When: the four newest are deleted, draining the window below the limit
    for (const n of [8, 7, 6, 5]) await site.deleteStory(`s${n}`);
    harness.proxy.requests = [];
    await site.publish(keys[7]!, keys[6]!, keys[5]!, keys[4]!);
    // Then: the feed shows the next two, read back with a bounded LIST
    expect(await site.feedIds()).toEqual(['urn:wirefeed:test:story-4', 'urn:wirefeed:test:story-3']);
    const lists = harness.proxy.requests.filter((request) => request.method === 'GET' && request.query.includes('list-type=2'));
    expect(lists.length).toBeGreaterThan(0);
    for (const list of lists) expect(list.query).toMatch(/max-keys=4(&|$)/);
    const incremental = await site.read('rss.xml');
    await site.command('rebuild');
    expect(await site.read('rss.xml')).toBe(incremental);
  });
});
