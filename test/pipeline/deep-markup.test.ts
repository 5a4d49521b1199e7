import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepMarkupStory } from '../hostile/deep-markup.js';
import { startHarness, Site, type Harness } from './harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

describe('a 1.8 MB body of 600,000 unclosed <b> (Lambda publish)', () => {
  // sanitize-html took 421 s over this body, far past the publisher's 60 s timeout; the test
  // timeout bounds the publish instead.
  it('publishes the story from its S3 event with its text', async () => {
    // Given
    const site = await new Site(harness, 'deep-markup').create();
    const key = await site.putStory('deep', deepMarkupStory('urn:wirefeed:test:deep-markup'));
    // When
    const result = await site.publish(key);
    // Then
    expect(result.batchItemFailures).toEqual([]);
    const feed = JSON.parse((await site.read('feed.json'))!) as { items: Array<{ id: string; content_html: string }> };
    expect(feed.items.map((item) => item.id)).toEqual(['urn:wirefeed:test:deep-markup']);
    const html = feed.items[0]!.content_html;
    expect(html).toContain('<b>END</b>');
    expect(html.split('</b>').length).toBe(html.split('<b>').length);
  }, 300_000);
});
