import { PutObjectCommand } from '@aws-sdk/client-s3';
import { parseRssFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Site, story, useHarness } from './harness.js';
import { startLocalHub, type LocalHub } from '../support/local-hub.js';

const harness = useHarness();
let hub: LocalHub;
beforeAll(async () => {
  hub = await startLocalHub();
});
afterAll(async () => {
  await hub?.stop();
});

describe('WebSub from the publishing Lambda', () => {
  it('announces the hub in the feeds and notifies it of exactly the feeds a publish changed', async () => {
    // Given a site whose site.json names a hub
    const site = await new Site(harness, 'websub').create();
    await harness.client.send(new PutObjectCommand({ Bucket: site.contentBucket, Key: 'site.json', Body: JSON.stringify({ title: 'Hubbed', hubs: [`${hub.url}/`] }) }));
    // When a story in one section is published
    await site.publish(await site.putStory('a', story(1, { subjects: ['Politics'] })));
    // Then the feeds link the hub and the hub heard of every changed feed, nothing else
    const feed = parseRssFeed((await site.read('rss.xml'))!);
    expect(feed.atom?.links?.find((link) => link.rel === 'hub')?.href).toBe(`${hub.url}/`);
    const topics = hub.received.splice(0).map((request) => [request.form.get('hub.mode'), request.form.get('hub.url')]);
    const base = 'https://feeds.example.com';
    expect(topics).toEqual(
      ['atom.xml', 'feed.json', 'rss.xml', 'sections/politics/atom.xml', 'sections/politics/feed.json', 'sections/politics/rss.xml'].map((path) => ['publish', `${base}/${path}`]),
    );
    // When the same story is published again unchanged, no feed changed and the hub hears nothing
    await site.publish('stories/a.json');
    expect(hub.received).toEqual([]);
  });
});
