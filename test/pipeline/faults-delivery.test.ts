import { describe, expect, it, vi } from 'vitest';
import { sourceHash } from '../../functions/core/incremental/layout.js';
import { photoBytes, Site, story, errorLogs, useHarness } from './harness.js';
import { danglingPhotos, publicAndClaims, snapshotSite, withoutEmptyWindows } from './site-snapshot.js';

const harness = useHarness();

let sites = 0;
/** A fresh site (own buckets) for each publish history compared. */
const newSite = (settings: Record<string, string> = {}) => new Site(harness, `delivery-${++sites}`, settings).create();
const titles = async (site: Site) => ((JSON.parse((await site.read('feed.json')) ?? '{"items":[]}') as { items: Array<{ title: string }> }).items.map((item) => item.title));
const photo = photoBytes;


describe('out-of-order events', () => {
  it('a redelivered old notification changes nothing: the file is read again, v3 stays', async () => {
    // Given: v1 published, then v3 saved and published
    const site = await newSite();
    const a = await site.putStory('a', story(1, { headline: 'Version 1' }));
    await site.publish(a);
    await site.putStory('a', story(1, { version: 3, headline: 'Version 3' }));
    await site.publish(a);
    const before = await snapshotSite(site);
    harness.cloudfront.invalidations.splice(0);
    harness.proxy.requests = [];
    // When: SQS delivers v1's notification again
    const result = await site.publish(a);
    // Then
    expect(result.batchItemFailures).toEqual([]);
    expect(await snapshotSite(site)).toEqual(before);
    expect(await titles(site)).toEqual(['Version 3']);
    expect(harness.proxy.requests.filter((request) => request.method === 'PUT' || request.method === 'DELETE')).toEqual([]);
  });

  it('two files with one uri: v2 processed after v3 loses, exactly as in a clean publish in version order', async () => {
    // Given: the same uri in two files; a.json holds version 3, b.json version 2
    const outOfOrder = await newSite();
    const clean = await newSite();
    for (const site of [outOfOrder, clean]) {
      await site.putPhoto('media/v2.jpg', photo('v2'));
      await site.putPhoto('media/v3.jpg', photo('v3'));
      await site.putStory('a', story(1, { version: 3, headline: 'Version 3', subjects: ['Politics'], photo: 'media/v3.jpg' }));
      await site.putStory('b', story(1, { version: 2, headline: 'Version 2', subjects: ['Sport'], photo: 'media/v2.jpg' }));
      await site.putStory('z', story(2, { headline: 'Other story' }));
    }
    // When: v3 then v2 (redelivered late) on one site; v2 then v3 on the other
    for (const key of ['stories/a.json', 'stories/b.json', 'stories/z.json']) expect((await outOfOrder.publish(key)).batchItemFailures).toEqual([]);
    for (const key of ['stories/b.json', 'stories/a.json', 'stories/z.json']) expect((await clean.publish(key)).batchItemFailures).toEqual([]);
    // Then: the newer version wins on both, byte for byte, state included
    expect(await titles(outOfOrder)).toEqual(['Other story', 'Version 3']);
    expect(await outOfOrder.feedIds('sections/politics')).toEqual(['urn:wirefeed:test:story-1']);
    expect(await outOfOrder.list('sections/sport/')).toEqual([]);
    expect(await outOfOrder.list('media/')).toHaveLength(1);
    expect(await danglingPhotos(outOfOrder)).toEqual([]);
    expect(withoutEmptyWindows(await snapshotSite(outOfOrder))).toEqual(withoutEmptyWindows(await snapshotSite(clean)));
    // And a rebuild from the stories agrees with the incremental result
    const incremental = publicAndClaims(await snapshotSite(outOfOrder));
    await outOfOrder.command('rebuild');
    expect(publicAndClaims(await snapshotSite(outOfOrder))).toEqual(incremental);
  });

  it('deleting the winning file hands the uri to the other file', async () => {
    // Given
    const site = await newSite();
    const only = await newSite();
    await site.putStory('a', story(1, { version: 3, headline: 'Version 3' }));
    await site.putStory('b', story(1, { version: 2, headline: 'Version 2' }));
    await site.publish('stories/a.json', 'stories/b.json');
    await only.putStory('b', story(1, { version: 2, headline: 'Version 2' }));
    await only.publish('stories/b.json');
    // When
    await site.deleteStory('a');
    const result = await site.publish('stories/a.json');
    // Then
    expect(result.batchItemFailures).toEqual([]);
    expect(await titles(site)).toEqual(['Version 2']);
    expect(await site.list('stories/')).toHaveLength(1);
    const [withB, onlyB] = [await snapshotSite(site), await snapshotSite(only)];
    expect(withB).toEqual(onlyB);
  });

  it('equal versions in two files: the later file is refused at /version naming the other; the first stays published', async () => {
    // Given
    const site = await newSite();
    await site.putStory('b', story(1, { version: 2, headline: 'First' }));
    await site.publish('stories/b.json');
    const before = await site.read('rss.xml');
    await site.putStory('a', story(1, { version: 2, headline: 'Second' }));
    await site.putStory('c', story(3));
    // When
    const { result, logs } = await errorLogs(() => site.publish('stories/a.json', 'stories/c.json'));
    // Then
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-0-stories/a.json' }]);
    expect(await titles(site)).toEqual(['Story 3', 'First']);
    expect(before).toContain('First');
    const log = logs.find((entry) => entry.key === 'stories/a.json');
    expect(log).toMatchObject({ level: 'ERROR', problems: [{ pointer: '/version' }] });
    expect(log?.lines).toEqual(['stories/a.json: /version: same uri and version as stories/b.json ("2"), which stays published; give the newer file a higher version']);
    // When the first file goes, the second one takes the uri
    await site.deleteStory('b');
    expect((await site.publish('stories/b.json')).batchItemFailures).toEqual([]);
    expect(await titles(site)).toEqual(['Story 3', 'Second']);
  });
});

describe('duplicate SQS delivery', () => {
  it('the same record twice in a batch and again in a later batch: same bytes, one item, no extra invalidation', async () => {
    // Given
    const twice = await newSite({ DISTRIBUTION_ID: 'E2TWICE' });
    const once = await newSite({ DISTRIBUTION_ID: 'E2ONCE' });
    for (const site of [twice, once]) {
      await site.putPhoto('media/a.jpg', photo('a'));
      await site.putStory('a', story(1, { subjects: ['Politics'], photo: 'media/a.jpg' }));
      await site.putStory('b', story(2));
    }
    harness.cloudfront.invalidations.splice(0);
    // When
    expect((await twice.publish('stories/a.json', 'stories/a.json', 'stories/b.json', 'stories/a.json')).batchItemFailures).toEqual([]);
    const [duplicated] = harness.cloudfront.invalidations.splice(0);
    expect((await once.publish('stories/a.json', 'stories/b.json')).batchItemFailures).toEqual([]);
    const [single] = harness.cloudfront.invalidations.splice(0);
    // Then
    expect(await twice.feedIds()).toEqual(['urn:wirefeed:test:story-2', 'urn:wirefeed:test:story-1']);
    expect(await snapshotSite(twice)).toEqual(await snapshotSite(once));
    expect(duplicated!.paths).toEqual(single!.paths);
    // When the whole batch is delivered again
    harness.proxy.requests = [];
    expect((await twice.publish('stories/b.json', 'stories/a.json')).batchItemFailures).toEqual([]);
    // Then nothing is written and nothing invalidated
    expect(harness.proxy.requests.filter((request) => request.method === 'PUT' || request.method === 'DELETE')).toEqual([]);
    expect(harness.cloudfront.invalidations).toEqual([]);
    expect(await snapshotSite(twice)).toEqual(await snapshotSite(once));
  });
});

describe('Lambda timeout mid-batch', () => {
  const recordOf = (name: string) => `/_wirefeed/stories/${sourceHash(`stories/${name}.json`)}.json`;
  it.each([
    // The batch commits the main window once for its three stories (issue 23).
    ['the batch\'s main window commit', (bucket: string) => `/${bucket}/_wirefeed/windows/main.json`, 1],
    ['the record write of record 2 (after its feeds)', (bucket: string) => `/${bucket}${recordOf('b')}`, 1],
    ['the delete of record 2\'s old photo', (bucket: string) => `/${bucket}/media/`, 1],
  ])('stuck at %s, then the whole batch redelivered: equal to a clean publish', async (_, pathOf, nth) => {
    // Given: b is live with an old photo; a batch brings a new a, b with a new photo, and c
    const killed = await newSite({ DISTRIBUTION_ID: 'E2KILLED' });
    const clean = await newSite({ DISTRIBUTION_ID: 'E2CLEAN' });
    for (const site of [killed, clean]) {
      await site.putPhoto('media/b.jpg', photo('b old'));
      await site.putStory('b', story(2, { subjects: ['Sport'], photo: 'media/b.jpg' }));
      await site.publish('stories/b.json');
      await site.putPhoto('media/b.jpg', photo('b new'));
      await site.putStory('a', story(1, { subjects: ['Sport'] }));
      await site.putStory('b', story(2, { version: 2, headline: 'Story 2, corrected', subjects: ['Politics'], photo: 'media/b.jpg' }));
      await site.putStory('c', story(3, { subjects: ['Politics'] }));
    }
    const batch = ['stories/a.json', 'stories/b.json', 'stories/c.json'];
    // The nth matching write never gets an answer: the function is frozen there until it times out.
    const target = pathOf(killed.siteBucket);
    let seen = 0;
    const matches = (request: { method: string; path: string }) => (request.method === 'PUT' || request.method === 'DELETE') && request.path.startsWith(target) && ++seen === nth;
    harness.proxy.inject({ match: matches, reply: 'hang', times: 1 });
    // When: the invocation is abandoned once it is stuck (Lambda kills it at its timeout; SQS keeps the batch)
    const abandoned = killed.publish(...batch);
    abandoned.catch(() => undefined);
    await vi.waitFor(() => expect(seen).toBeGreaterThanOrEqual(nth), { timeout: 10_000, interval: 20 });
    // Then: what readers see meanwhile names no missing photo
    expect(await danglingPhotos(killed)).toEqual([]);
    // When: SQS redelivers the whole batch to a new invocation
    const redelivered = await killed.publish(...batch);
    expect(redelivered.batchItemFailures).toEqual([]);
    expect((await clean.publish(...batch)).batchItemFailures).toEqual([]);
    // Then: site and state equal the clean publish, byte for byte
    expect(await killed.feedIds()).toEqual(['urn:wirefeed:test:story-3', 'urn:wirefeed:test:story-2', 'urn:wirefeed:test:story-1']);
    expect(await danglingPhotos(killed)).toEqual([]);
    expect(await snapshotSite(killed)).toEqual(await snapshotSite(clean));
  });
});

describe('one uri in two files at the same moment', () => {
  it('the older file that published first retires itself and republishes the newer one', async () => {
    // Given: b.json (v2) starts first and is held at its main window commit; a.json (v3) runs meanwhile
    const site = await newSite();
    const clean = await newSite();
    for (const s of [site, clean]) {
      await s.putStory('a', story(1, { version: 3, headline: 'Version 3' }));
      await s.putStory('b', story(1, { version: 2, headline: 'Version 2' }));
    }
    let held = false;
    const window = `/${site.siteBucket}/_wirefeed/windows/main.json`;
    const release = `/${site.siteBucket}/__release__`;
    harness.proxy.barrier((request) => (request.method === 'PUT' && request.path === window && !held && (held = true)) || request.path === release, 2);
    // When
    const older = site.publish('stories/b.json');
    await vi.waitFor(() => expect(held).toBe(true), { timeout: 10_000, interval: 20 });
    expect((await site.publish('stories/a.json')).batchItemFailures).toEqual([]);
    await fetch(`${harness.proxy.endpoint}${release}`).then((response) => response.arrayBuffer());
    // Then: b lost its commit race, committed on top of a's window, then found it lost the uri
    expect((await older).batchItemFailures).toEqual([]);
    expect(await titles(site)).toEqual(['Version 3']);
    const page = (await site.list('stories/'))[0]!;
    expect(await site.read(page)).toContain('Version 3');
    for (const key of ['stories/b.json', 'stories/a.json']) expect((await clean.publish(key)).batchItemFailures).toEqual([]);
    expect(withoutEmptyWindows(await snapshotSite(site))).toEqual(withoutEmptyWindows(await snapshotSite(clean)));
  });
});
