import { describe, expect, it } from 'vitest';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { photoBytes, Site, story, useHarness } from './harness.js';
import { danglingPhotos } from './site-snapshot.js';

const harness = useHarness();

describe('conditional-write proxy', () => {
  it('answers 412 to a PUT whose If-Match or If-None-Match does not hold, as S3 does', async () => {
    // Given
    await harness.s3.createBuckets('proxy-check');
    const client = new S3Client({ endpoint: harness.proxy.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, requestChecksumCalculation: 'WHEN_REQUIRED' });
    const put = (ifs: { IfMatch?: string; IfNoneMatch?: string }) => client.send(new PutObjectCommand({ Bucket: 'proxy-check', Key: 'k', Body: 'x', ...ifs }));
    // When / Then
    const created = await put({ IfNoneMatch: '*' });
    await expect(put({ IfNoneMatch: '*' })).rejects.toMatchObject({ $metadata: { httpStatusCode: 412 } });
    await expect(put({ IfMatch: '"0000"' })).rejects.toMatchObject({ $metadata: { httpStatusCode: 412 } });
    await expect(put({ IfMatch: created.ETag! })).resolves.toBeDefined();
    client.destroy();
  });
});

describe('concurrent publishers', () => {
  it('keeps both stories when two handlers update the same feeds at once', async () => {
    // Given: one story published; two more arrive in two invocations running together
    const site = await new Site(harness, 'race').create();
    await site.publish(await site.putStory('a', story(1, { subjects: ['Politics'] })));
    const b = await site.putStory('b', story(2, { subjects: ['Politics'] }));
    const c = await site.putStory('c', story(3, { subjects: ['Politics'] }));
    // Both read the same version of the main and the section window before either writes.
    harness.proxy.barrier((request) => request.method === 'GET' && request.path === `/${site.siteBucket}/_wirefeed/windows/main.json`, 2);
    harness.proxy.barrier((request) => request.method === 'GET' && request.path === `/${site.siteBucket}/_wirefeed/windows/sections/politics.json`, 2);
    const conflictsBefore = harness.proxy.preconditionFailures;
    // When
    const results = await Promise.all([site.publish(b), site.publish(c)]);
    // Then
    expect(results.map((result) => result.batchItemFailures)).toEqual([[], []]);
    expect(harness.proxy.preconditionFailures - conflictsBefore).toBeGreaterThanOrEqual(2);
    const all = ['urn:wirefeed:test:story-3', 'urn:wirefeed:test:story-2', 'urn:wirefeed:test:story-1'];
    expect(await site.feedIds()).toEqual(all);
    expect(await site.feedIds('sections/politics')).toEqual(all);
    expect(await site.read('index.html')).toContain('Story 3');
  });
});

describe('failures', () => {
  it('retries transient S3 errors and dropped connections inside the SDK', async () => {
    // Given
    const site = await new Site(harness, 'transient').create();
    const a = await site.putStory('a', story(1));
    harness.proxy.inject({ match: (request) => request.method === 'GET' && request.path.endsWith('/stories/a.json'), reply: { status: 503, code: 'SlowDown' }, times: 1 });
    harness.proxy.inject({ match: (request) => request.method === 'PUT' && request.path.endsWith('/rss.xml'), reply: 'drop', times: 1 });
    // When
    const result = await site.publish(a);
    // Then
    expect(result.batchItemFailures).toEqual([]);
    expect(await site.feedIds()).toEqual(['urn:wirefeed:test:story-1']);
  });

  it('publishes nothing half-way when S3 keeps failing, and a retry completes the publish', async () => {
    // Given: story a is live; b brings a new photo
    const site = await new Site(harness, 'broken', { DISTRIBUTION_ID: 'E2BROKEN' }).create();
    await site.putPhoto('media/b.jpg', photoBytes('photo b'));
    await site.publish(await site.putStory('a', story(1)));
    const before = await site.read('rss.xml');
    const b = await site.putStory('b', story(2, { photo: 'media/b.jpg' }));
    harness.cloudfront.invalidations.splice(0);

    // When the photo cannot be written
    harness.proxy.inject({ match: (request) => request.method === 'PUT' && request.path.includes('/media/'), reply: { status: 500, code: 'InternalError' }, times: 100 });
    const first = await site.publish(b);
    // Then the record fails, the feeds are untouched and name no missing photo
    expect(first.batchItemFailures).toHaveLength(1);
    expect(await site.read('rss.xml')).toBe(before);
    expect(await danglingPhotos(site)).toEqual([]);
    harness.proxy.clearFaults();

    // When the feed window cannot be committed (photo and page are already written)
    harness.proxy.inject({ match: (request) => request.method === 'PUT' && request.path.endsWith('/_wirefeed/windows/main.json'), reply: { status: 503, code: 'SlowDown' }, times: 100 });
    const second = await site.publish(b);
    expect(second.batchItemFailures).toHaveLength(1);
    expect(await danglingPhotos(site)).toEqual([]);
    harness.proxy.clearFaults();

    // When SQS redelivers the record
    const retry = await site.publish(b);
    // Then
    expect(retry.batchItemFailures).toEqual([]);
    expect(await site.feedIds()).toEqual(['urn:wirefeed:test:story-2', 'urn:wirefeed:test:story-1']);
    expect(await danglingPhotos(site)).toEqual([]);
    expect((await site.read('rss.xml'))!).toContain('/media/');
    const paths = harness.cloudfront.invalidations.flatMap((invalidation) => invalidation.paths);
    expect(paths).toContain('/rss.xml');
  });
});
