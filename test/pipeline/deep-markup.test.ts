import { describe, expect, it } from 'vitest';
import { deepMarkupStory } from '../hostile/deep-markup.js';
import { storyPath } from '../../functions/core/story-path.js';
import { Site, useHarness } from './harness.js';

const harness = useHarness();

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
    // Past the feed item budget: the feed carries the stand-in, the page the whole body
    expect(feed.items[0]!.content_html).not.toContain('<b>');
    const page = (await site.read(storyPath({ id: 'urn:wirefeed:test:deep-markup' })))!;
    expect(page).toContain('<b>END</b>');
    expect(page.split('</b>').length).toBe(page.split('<b>').length);
  }, 300_000);
});
