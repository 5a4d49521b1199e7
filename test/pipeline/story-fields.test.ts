import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorLogs, Site, story, useHarness } from './harness.js';

const harness = useHarness();

/** A story 2 whose one photo rendition has the given href and fields. */
function withRendition(rendition: Record<string, unknown>): Record<string, unknown> {
  return {
    ...story(2),
    associations: [{ name: 'photo1', uri: 'urn:wirefeed:test:story-2:photo1', type: 'picture', renditions: [{ name: 'main', contentType: 'image/jpeg', href: 'https://img.example/a.jpg', ...rendition }] }],
  };
}

/** Field values a story file can hold that no feed can publish, with the line the rejection must log. */
const UNPUBLISHABLE: Array<[string, Record<string, unknown>, string]> = [
  ['a port out of range', withRendition({ href: 'https://img.example:99999/a.jpg' }), '/associations/0/renditions/0/href: not a valid URL'],
  ['a URL with no host', withRendition({ href: 'https://' }), '/associations/0/renditions/0/href: not a valid URL'],
  ['a bad IPv6 host', withRendition({ href: 'https://[zz]/a.jpg' }), '/associations/0/renditions/0/href: not a valid URL'],
  ['a bad escape in the host', withRendition({ href: 'http://%zz/a.jpg' }), '/associations/0/renditions/0/href: not a valid URL'],
  ['a negative sizeInBytes', withRendition({ sizeInBytes: -5 }), '/associations/0/renditions/0/sizeInBytes: -5 is outside 1..2147483647'],
  ['a sizeInBytes of 1e21', withRendition({ sizeInBytes: 1e21 }), '/associations/0/renditions/0/sizeInBytes: 1e+21 is outside 1..2147483647'],
  ['a negative width', withRendition({ width: -1600 }), '/associations/0/renditions/0/width: -1600 is outside 1..65535'],
  ['a year below 1000', { ...story(2), versionCreated: '0202-05-01T09:00:00Z' }, '/versionCreated: "0202-05-01T09:00:00Z" is outside 1900-01-01T00:00:00Z..9999-12-31T23:59:59Z'],
];

describe('Lambda publish of story fields no feed can carry', () => {
  let sites = 0;
  it.each(UNPUBLISHABLE)('rejects the record of a story with %s, logging its key and JSON path; the site stays', async (_case, document, line) => {
    // Given: story 1 is live, then a batch brings the bad story 2 and story 3
    const site = await new Site(harness, `fields-${++sites}`).create();
    await site.publish(await site.putStory('a', story(1)));
    const bad = await site.putStory('b', document);
    const good = await site.putStory('c', story(3));
    // When
    const { result, logs } = await errorLogs(() => site.publish(bad, good));
    // Then: only the bad record fails, as a rejected story (not a crash), and the others publish
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: `m-0-${bad}` }]);
    const entry = logs.find((log) => log.key === bad);
    // Story 2 was never published, so nothing of it stays
    expect(entry?.message).toBe('story rejected; this file publishes nothing');
    expect(entry?.lines).toEqual([expect.stringContaining(`stories/b.json: ${line}`)]);
    expect(await site.feedIds()).toEqual(['urn:wirefeed:test:story-3', 'urn:wirefeed:test:story-1']);
  });

  it('rebuilds a site holding such a story: the story is reported with its path, the others publish', async () => {
    // Given
    const site = await new Site(harness, 'fields-rebuild').create();
    await site.putStory('a', story(1));
    await site.putStory('b', withRendition({ href: 'https://img.example:99999/a.jpg' }));
    await site.putStory('c', story(3));
    // When
    const { result: summary, logs } = await errorLogs(() => site.command('rebuild'));
    // Then
    expect(summary).toMatchObject({ published: 2, rejected: ['stories/b.json'] });
    expect(logs.find((log) => log.key === 'stories/b.json')?.lines).toEqual(['stories/b.json: /associations/0/renditions/0/href: not a valid URL: "https://img.example:99999/a.jpg"']);
    expect(await site.feedIds()).toEqual(['urn:wirefeed:test:story-3', 'urn:wirefeed:test:story-1']);
  });

  it('summarises the sample AP picture by its caption, not its creditline', async () => {
    // Given the sample Turkey picture item with its three photo files
    const site = await new Site(harness, 'fields-summary').create();
    const document = JSON.parse(readFileSync('content/stories/turkey-islamic-state.json', 'utf8')) as { uri: string; renditions: Array<{ href: string }> };
    for (const { href } of document.renditions) await site.putPhoto(href, readFileSync(`content/${href}`));
    // When
    const result = await site.publish(await site.putStory('turkey', document));
    // Then
    expect(result.batchItemFailures).toEqual([]);
    const feed = JSON.parse((await site.read('feed.json'))!) as { items: Array<{ id: string; summary?: string }> };
    expect(feed.items.find((item) => item.id === document.uri)?.summary).toMatch(/^FILE - In this Monday, Nov\. 11, 2019 file photo/);
  });
});
