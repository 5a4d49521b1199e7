import { describe, expect, it, vi } from 'vitest';
import type { ServerResponse } from 'node:http';
import { photoBytes, Site, story, errorLogs, useHarness } from './harness.js';
import { danglingPhotos, snapshotSite } from './site-snapshot.js';

const harness = useHarness();

let sites = 0;
const newSite = (settings: Record<string, string> = {}) => new Site(harness, `s3faults-${++sites}`, settings).create();
const photo = photoBytes;


/** Two sites with the same history: one gets faults, the other is the clean reference. */
async function twins(settings: Record<string, string>, seed: (site: Site) => Promise<void>): Promise<[Site, Site]> {
  const faulty = await newSite(settings);
  const clean = await newSite(settings);
  for (const site of [faulty, clean]) await seed(site);
  return [faulty, clean];
}

describe('S3 faults mid-publish', () => {
  it('a window commit failing after the photo was copied: SDK retries succeed, or the record fails with the old feed intact and a retry completes', async () => {
    // Given: a is live; b brings a new photo
    const [site, clean] = await twins({}, async (s) => {
      await s.putPhoto('media/b.jpg', photo('b'));
      await s.putStory('a', story(1));
      await s.publish('stories/a.json');
      await s.putStory('b', story(2, { photo: 'media/b.jpg' }));
    });
    const main = `/${site.siteBucket}/_wirefeed/windows/main.json`;
    // When: two 503 SlowDown answers, inside the SDK's three attempts
    harness.proxy.inject({ match: (r) => r.method === 'PUT' && r.path === main, reply: { status: 503, code: 'SlowDown' }, times: 2 });
    const before = await site.read('rss.xml');
    const transient = await site.publish('stories/b.json');
    // Then
    expect(transient.batchItemFailures).toEqual([]);
    expect(await site.feedIds()).toEqual(['urn:wirefeed:test:story-2', 'urn:wirefeed:test:story-1']);
    // When: b is updated and the commit keeps failing (and the connection drops on the first try)
    await site.putStory('b', story(2, { version: 2, headline: 'Story 2, v2', photo: 'media/b.jpg' }));
    await clean.putStory('b', story(2, { version: 2, headline: 'Story 2, v2', photo: 'media/b.jpg' }));
    const published = await site.read('rss.xml');
    harness.proxy.inject({ match: (r) => r.method === 'PUT' && r.path === main, reply: 'drop', times: 1 });
    harness.proxy.inject({ match: (r) => r.method === 'PUT' && r.path === main, reply: { status: 500, code: 'InternalError' }, times: 100 });
    const failed = await site.publish('stories/b.json');
    // Then: the record fails. Feed files are written before their window is committed (so a
    // concurrent publisher's commit always re-renders on top), so readers may already get v2 — but
    // always a whole feed, both items, every photo present.
    expect(failed.batchItemFailures).toHaveLength(1);
    expect(before).not.toEqual(published);
    const feed = JSON.parse((await site.read('feed.json'))!) as { items: Array<{ id: string; title: string }> };
    expect(feed.items.map((item) => item.id)).toEqual(['urn:wirefeed:test:story-2', 'urn:wirefeed:test:story-1']);
    expect(await danglingPhotos(site)).toEqual([]);
    // When: SQS redelivers
    harness.proxy.clearFaults();
    expect((await site.publish('stories/b.json')).batchItemFailures).toEqual([]);
    await clean.publish('stories/b.json');
    await clean.publish('stories/b.json');
    // Then
    expect(await snapshotSite(site)).toEqual(await snapshotSite(clean));
  });

  it.each([
    ['500 InternalError', { status: 500, code: 'InternalError' } as const],
    ['a dropped connection', 'drop' as const],
  ])('the delete of an old photo failing (%s) during a photo change: feeds already show the new photo; a retry removes the old one', async (_, reply) => {
    // Given: b is live with a photo; its new version has new photo bytes
    const [site, clean] = await twins({ DISTRIBUTION_ID: 'E2PHOTO' }, async (s) => {
      await s.putPhoto('media/b.jpg', photo('old bytes'));
      await s.putStory('b', story(2, { photo: 'media/b.jpg' }));
      await s.publish('stories/b.json');
      await s.putPhoto('media/b.jpg', photo('new bytes'));
      await s.putStory('b', story(2, { version: 2, photo: 'media/b.jpg' }));
    });
    const [oldPhoto] = await site.list('media/');
    harness.proxy.inject({ match: (r) => r.method === 'DELETE' && r.path.startsWith(`/${site.siteBucket}/media/`), reply, times: 100 });
    // When
    const failed = await site.publish('stories/b.json');
    // Then: the record fails, but nothing points at a missing photo and the new one is live
    expect(failed.batchItemFailures).toHaveLength(1);
    expect(await danglingPhotos(site)).toEqual([]);
    expect(await site.read('rss.xml')).not.toContain(oldPhoto);
    expect(await site.list('media/')).toHaveLength(2);
    // When: SQS redelivers
    harness.proxy.clearFaults();
    expect((await site.publish('stories/b.json')).batchItemFailures).toEqual([]);
    await clean.publish('stories/b.json');
    // Then
    expect(await site.list('media/')).toHaveLength(1);
    expect(await site.list('media/')).not.toContain(oldPhoto);
    expect(await snapshotSite(site)).toEqual(await snapshotSite(clean));
  });

  it('the invalidation failing: retried by the SDK; when it keeps failing the records still succeed, logged with the paths', async () => {
    // Given
    const site = await newSite({ DISTRIBUTION_ID: 'E2CDN' });
    await site.putStory('a', story(1));
    await site.putStory('b', story(2));
    harness.cloudfront.invalidations.splice(0);
    // When: one 503 from CloudFront
    harness.cloudfront.failNext(1);
    expect((await site.publish('stories/a.json')).batchItemFailures).toEqual([]);
    // Then: the SDK's retry got it through
    expect(harness.cloudfront.invalidations.splice(0).map((invalidation) => invalidation.paths)).toEqual([expect.arrayContaining(['/rss.xml', '/index.html'])]);
    // When: CloudFront keeps failing
    harness.cloudfront.failNext(100);
    const { result, logs } = await errorLogs(() => site.publish('stories/b.json'));
    // Then: the story is published, the failure is logged with the paths it could not invalidate
    expect(result.batchItemFailures).toEqual([]);
    expect(await site.feedIds()).toEqual(['urn:wirefeed:test:story-2', 'urn:wirefeed:test:story-1']);
    expect(harness.cloudfront.invalidations).toEqual([]);
    const log = logs.find((entry) => entry.message === 'invalidation failed; cached copies expire by their max-age');
    expect(log?.paths).toEqual(expect.arrayContaining(['/rss.xml', '/atom.xml', '/feed.json']));
  });
});

describe('oversized story objects', () => {
  it('a story over 2 MB is refused from its size, naming the key; the rest of the batch publishes and the old version stays', async () => {
    // Given: big.json was a valid story, now replaced by a 2 MB + 1 byte file
    const site = await newSite();
    await site.putStory('big', story(5, { headline: 'Small version' }));
    await site.publish('stories/big.json');
    await site.putStory('big', `{"uri":"${'x'.repeat(2 * 1024 * 1024 - 9)}"}`);
    await site.putStory('a', story(1));
    // When
    const { result, logs } = await errorLogs(() => site.publish('stories/a.json', 'stories/big.json'));
    // Then
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-1-stories/big.json' }]);
    expect(logs.find((entry) => entry.key === 'stories/big.json')?.lines).toEqual(['stories/big.json: /: story is 2097153 bytes; the limit is 2097152']);
    expect(await site.feedIds()).toEqual(['urn:wirefeed:test:story-5', 'urn:wirefeed:test:story-1']);
    expect(await site.read('rss.xml')).toContain('Small version');
  });

  it('a 2 GB story object is refused from its Content-Length; its body is not read', async () => {
    // Given: S3 answers the GET of huge.json with a 2 GiB body that would never end
    const site = await newSite();
    const huge = await site.putStory('huge', story(9));
    await site.putStory('a', story(1));
    const size = 2 * 1024 ** 3;
    const stream = { sent: 0, closedByClient: false };
    const respond = (res: ServerResponse) => {
      res.writeHead(200, { 'content-length': String(size), etag: '"0123456789abcdef0123456789abcdef"', 'content-type': 'application/json' });
      res.on('close', () => (stream.closedByClient = !res.writableFinished));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      // Sends 1 MB, then nothing more: a client that tries to read the body hangs.
      for (let i = 0; i < 16; i++) res.write(chunk, () => (stream.sent += chunk.length));
    };
    harness.proxy.inject({ match: (r) => r.method === 'GET' && r.path === `/${site.contentBucket}/${huge}`, reply: { respond }, times: 1 });
    // When
    const { result, logs } = await errorLogs(() => site.publish('stories/huge.json', 'stories/a.json'));
    // Then
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-0-stories/huge.json' }]);
    expect(logs.find((entry) => entry.key === 'stories/huge.json')?.lines).toEqual([`stories/huge.json: /: story is ${size} bytes; the limit is 2097152`]);
    expect(await site.feedIds()).toEqual(['urn:wirefeed:test:story-1']);
    await vi.waitFor(() => expect(stream.closedByClient).toBe(true), { timeout: 5_000 });
    expect(stream.sent).toBeLessThanOrEqual(1024 * 1024);
  });
});

describe('bad story in a batch', () => {
  it('logs one structured ERROR entry naming the key and every JSON path; the good records publish', async () => {
    // Given
    const site = await newSite();
    const broken = { ...story(2), version: 7, headlines: [{ role: 'main', value: 42 }] } as Record<string, unknown>;
    delete broken.uri;
    await site.putStory('bad', broken);
    await site.putStory('good', story(1));
    // When
    const { result, logs } = await errorLogs(() => site.publish('stories/bad.json', 'stories/good.json'));
    // Then
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-0-stories/bad.json' }]);
    expect(await site.feedIds()).toEqual(['urn:wirefeed:test:story-1']);
    const entries = logs.filter((entry) => entry.key === 'stories/bad.json');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ level: 'ERROR', message: 'story rejected; this file publishes nothing', service: 'wirefeed-publish' });
    const pointers = (entries[0]!.problems as Array<{ pointer: string }>).map((problem) => problem.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/uri', '/version', '/headlines/0/value']));
    for (const line of entries[0]!.lines as string[]) expect(line).toMatch(/^stories\/bad\.json: \/\S*: /);
  });
});
