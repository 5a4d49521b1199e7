import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { parseRssFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { errorLogs, Site, story, useHarness } from './harness.js';
import { ampBody, storyDocument, subjects, worstCases } from '../support/oversized-stories.js';

const MB = 1024 * 1024;
const PARTNERS = {
  'google-news': { profile: 'google-news', content: 'full' },
  msn: { profile: 'msn', content: 'full' },
  flipboard: { profile: 'flipboard', content: 'full' },
  smartnews: { profile: 'smartnews', content: 'full', logo: 'https://feeds.example.com/logo.png' },
};

const harness = useHarness();

let sites = 0;
async function newSite(): Promise<Site> {
  const site = await new Site(harness, `outsize-${++sites}`).create();
  const json = { title: 'Output size', description: 'Output size', language: 'en', partners: PARTNERS };
  await harness.client.send(new PutObjectCommand({ Bucket: site.contentBucket, Key: 'site.json', Body: JSON.stringify(json) }));
  return site;
}

/** Every object of the site bucket (feeds, pages, the publisher's state) with its size. */
async function objects(site: Site): Promise<Array<{ key: string; bytes: number }>> {
  const found: Array<{ key: string; bytes: number }> = [];
  let token: string | undefined;
  do {
    const page = await harness.client.send(new ListObjectsV2Command({ Bucket: site.siteBucket, ...(token && { ContinuationToken: token }) }));
    for (const object of page.Contents ?? []) found.push({ key: object.Key!, bytes: object.Size ?? 0 });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return found;
}

const isFeed = (key: string) => /(^|\/)(rss\.xml|atom\.xml|feed\.json)$/.test(key);

describe('Lambda: output grows with the story, not with subjects × sections (issue 20, finding 4)', () => {
  it('a story with 1,000 subjects is refused at /subjects, naming the key; the rest of the batch publishes', async () => {
    // Given
    const site = await newSite();
    await site.putStory('many', storyDocument('many', { subjects: subjects(1000, 40) }));
    await site.putStory('a', story(1));
    // When
    const { result, logs } = await errorLogs(() => site.publish('stories/many.json', 'stories/a.json'));
    // Then
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-0-stories/many.json' }]);
    expect(logs.find((entry) => entry.key === 'stories/many.json')?.lines).toEqual(['stories/many.json: /subjects: too many subjects: 1000 (limit 50); each one is a section feed']);
    expect(await site.feedIds()).toEqual(['urn:wirefeed:test:story-1']);
    expect(await site.list('sections/')).toEqual([]);
  });
});

describe('Lambda: every feed stays under 2 MB whatever one item holds (issue 20, finding 9)', () => {
  it('a 1.5 MB body of "&amp; " leaves every feed as its summary and a link, the same as the CLI; the page keeps the body', async () => {
    // Given
    const site = await newSite();
    await site.putStory('amp', storyDocument('amp', { bodies: [{ role: 'main', contentType: 'text/html', value: ampBody(1.5 * MB) }] }));
    // When
    const result = await site.publish('stories/amp.json');
    // Then
    expect(result.batchItemFailures).toEqual([]);
    const feeds = (await objects(site)).filter(({ key }) => isFeed(key));
    expect(feeds.map(({ key }) => key)).toEqual(expect.arrayContaining(['rss.xml', 'atom.xml', 'feed.json', 'partners/google-news/rss.xml', 'partners/msn/rss.xml']));
    for (const feed of feeds) expect(feed.bytes, feed.key).toBeLessThan(2 * MB);
    const item = parseRssFeed((await site.read('rss.xml'))!).items![0]!;
    expect(item.content?.encoded).toBe(`<p>Summary of the oversized story amp.</p>\n<p><a href="${item.link}">Oversized story amp</a></p>`);
    const partner = parseRssFeed((await site.read('partners/google-news/rss.xml'))!).items![0]!;
    expect(partner.content?.encoded).toBe(item.content?.encoded);
    expect((await site.read(new URL(item.link!).pathname.slice(1)))!.length).toBeGreaterThan(1.5 * MB);
  });
});

describe('Lambda: any 2 MB story publishes in bounded time and stores under 50 MB (issue 20, "Done means")', () => {
  // Time is bounded by the test timeout. The count is every object of the site bucket after the
  // publish, the publisher's own state included; a first publish writes each of them once.
  for (const [name, document] of Object.entries(worstCases())) {
    it(name, { timeout: 60_000 }, async () => {
      const site = await newSite();
      await site.putStory('worst', document);
      const result = await site.publish('stories/worst.json');
      expect(result.batchItemFailures).toEqual([]);
      expect(await site.feedIds()).toEqual([document.uri]);
      const stored = await objects(site);
      const total = stored.reduce((sum, object) => sum + object.bytes, 0);
      expect(total).toBeLessThan(50 * MB);
      for (const feed of stored.filter(({ key }) => isFeed(key))) expect(feed.bytes, feed.key).toBeLessThan(2 * MB);
    });
  }
});
