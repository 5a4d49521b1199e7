import { describe, expect, it } from 'vitest';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { sourceHash } from '../../functions/core/incremental/layout.js';
import { createHash } from 'node:crypto';
import type { PhotoUser, SetPhoto } from '../../functions/use-cases/publish/photo-users.js';
import { photoSetHash } from '../../functions/core/incremental/photo-set.js';
import { photoBytes, Site, story, warnLogs, useHarness } from './harness.js';

const harness = useHarness();

/**
 * Makes the next delete of `photo` race a late user, as S3 could order it: the photo is deleted,
 * the marker of the set `set` appears (then `meanwhile` runs), and only then does the delete return.
 */
function lateUserOnDelete(site: Site, photo: string, set: string, marker: PhotoUser, meanwhile: () => Promise<void> = async () => {}): void {
  harness.proxy.inject({
    match: (request) => request.method === 'DELETE' && request.path === `/${site.siteBucket}/${photo}`,
    reply: {
      respond: (res) =>
        void (async () => {
          await harness.client.send(new DeleteObjectCommand({ Bucket: site.siteBucket, Key: photo }));
          await harness.client.send(new PutObjectCommand({ Bucket: site.siteBucket, Key: `_wirefeed/photo-users/${photo}/${set}`, Body: JSON.stringify(marker) }));
          await meanwhile();
          res.writeHead(204).end();
        })(),
    },
    times: 1,
  });
}

describe('who uses a published photo', () => {
  it('keeps one marker per story and one per photo of its set; a rebuild replaces the markers of earlier layouts', async () => {
    // Given: two stories showing the same photo: one set
    const site = await new Site(harness, 'photo-users').create();
    await site.putPhoto('media/shared.jpg', photoBytes('shared'));
    const a = await site.putStory('a', story(1, { photo: 'media/shared.jpg' }));
    const b = await site.putStory('b', story(2, { photo: 'media/shared.jpg' }));
    await site.publish(a, b);
    const [photo] = await site.list('media/');
    const set = photoSetHash([photo!]);
    const markers = await site.list('_wirefeed/photo-users/');
    const members = await site.list('_wirefeed/photo-sets/');
    expect(markers).toEqual([`_wirefeed/photo-users/${photo}/${set}`]);
    expect(members).toEqual([`_wirefeed/photo-sets/${set}/${sourceHash(a)}`, `_wirefeed/photo-sets/${set}/${sourceHash(b)}`].sort());
    // …and b recorded as earlier builds did: a marker of its own on the photo, and before that in one JSON list, which this publisher does not read
    await harness.client.send(new DeleteObjectCommand({ Bucket: site.siteBucket, Key: `_wirefeed/photo-sets/${set}/${sourceHash(b)}` }));
    const perStory = `_wirefeed/photo-users/${photo}/${sourceHash(b)}`;
    await harness.client.send(new PutObjectCommand({ Bucket: site.siteBucket, Key: perStory, Body: JSON.stringify({ source: 'media/shared.jpg', mimeType: 'image/jpeg', etag: 'e' }) }));
    const list = `_wirefeed/media-refs/${photo}.json`;
    await harness.client.send(new PutObjectCommand({ Bucket: site.siteBucket, Key: list, Body: JSON.stringify({ source: 'media/shared.jpg', mimeType: 'image/jpeg', users: [sourceHash(b)] }) }));
    // When: the site is rebuilt, then a goes
    await site.command('rebuild');
    expect(await site.list('_wirefeed/photo-users/')).toEqual(markers);
    expect(await site.list('_wirefeed/photo-sets/')).toEqual(members);
    expect(await site.read(list)).toBeUndefined();
    await site.deleteStory('a');
    await site.publish(a);
    const afterA = await site.list('media/');
    await site.deleteStory('b');
    await site.publish(b);
    // Then: the photo stayed while b used it, and left with b, with every trace of its users
    expect(afterA).toEqual([photo]);
    expect(await site.list('media/')).toEqual([]);
    expect(await site.list('_wirefeed/photo-users/')).toEqual([]);
    expect(await site.list('_wirefeed/photo-sets/')).toEqual([]);
  });

  it('marks the photos of a set again when a story joined it while its last member left', async () => {
    // Given: one story showing a photo, and a publisher that joins its set as the set's marker is deleted
    const site = await new Site(harness, 'photo-set-late').create();
    await site.putPhoto('media/own.jpg', photoBytes('own'));
    const c = await site.putStory('c', story(3, { photo: 'media/own.jpg' }));
    await site.publish(c);
    const [photo] = await site.list('media/');
    const set = photoSetHash([photo!]);
    const marker = `_wirefeed/photo-users/${photo}/${set}`;
    const joined: SetPhoto[] = [{ target: photo!, source: 'media/own.jpg', mimeType: 'image/jpeg', etag: createHash('md5').update(photoBytes('own')).digest('hex') }];
    harness.proxy.inject({
      match: (request) => request.method === 'DELETE' && request.path === `/${site.siteBucket}/${marker}`,
      reply: {
        respond: (res) =>
          void (async () => {
            // The late member's own marker write lands first; then this delete removes it.
            await harness.client.send(new PutObjectCommand({ Bucket: site.siteBucket, Key: `_wirefeed/photo-sets/${set}/late`, Body: JSON.stringify(joined) }));
            await harness.client.send(new DeleteObjectCommand({ Bucket: site.siteBucket, Key: marker }));
            res.writeHead(204).end();
          })(),
      },
      times: 1,
    });
    // When
    await site.deleteStory('c');
    const result = await site.publish(c);
    // Then: c is gone; the photo and its set's marker stay for the late member
    expect(result.batchItemFailures).toEqual([]);
    expect(await site.feedIds()).toEqual([]);
    expect(await site.list('media/')).toEqual([photo]);
    expect(await site.list('_wirefeed/photo-users/')).toEqual([marker]);
    expect(await site.list('_wirefeed/photo-sets/')).toEqual([`_wirefeed/photo-sets/${set}/late`]);
  });

  it('puts a photo back when a story started using it while the last user released it', async () => {
    // Given: one story showing a photo, and a publisher that adds itself as the photo is deleted
    const site = await new Site(harness, 'photo-late').create();
    await site.putPhoto('media/own.jpg', photoBytes('own'));
    const c = await site.putStory('c', story(3, { photo: 'media/own.jpg' }));
    await site.publish(c);
    const [photo] = await site.list('media/');
    lateUserOnDelete(site, photo!, 'late', { source: 'media/own.jpg', mimeType: 'image/jpeg', etag: createHash('md5').update(photoBytes('own')).digest('hex') });
    // When
    await site.deleteStory('c');
    const result = await site.publish(c);
    // Then: c is gone, the photo is back for the late user
    expect(result.batchItemFailures).toEqual([]);
    expect(await site.feedIds()).toEqual([]);
    expect(await site.list('media/')).toEqual([photo]);
    expect(await site.read(photo!)).toBe(Buffer.from(photoBytes('own')).toString());
    expect(await site.list('_wirefeed/photo-users/')).toEqual([`_wirefeed/photo-users/${photo}/late`]);
  });

  it('leaves a photo away when its source was replaced since the late user planned it, and names that story in the log', async () => {
    // Given: c shows a photo; d, published without it, is the late user whose marker names the first version
    const site = await new Site(harness, 'photo-replaced').create();
    const first = photoBytes('first');
    await site.putPhoto('media/own.jpg', first);
    const c = await site.putStory('c', story(3, { photo: 'media/own.jpg' }));
    const d = await site.putStory('d', story(4));
    await site.publish(c, d);
    const [photo] = await site.list('media/');
    const firstVersion = createHash('md5').update(first).digest('hex');
    // …and as the photo is deleted, d's marker appears and an editor replaces the photo
    const dSet = photoSetHash([photo!, 'media/other.jpg']);
    await harness.client.send(new PutObjectCommand({ Bucket: site.siteBucket, Key: `_wirefeed/photo-sets/${dSet}/${sourceHash(d)}`, Body: '[]' }));
    lateUserOnDelete(site, photo!, dSet, { source: 'media/own.jpg', mimeType: 'image/jpeg', etag: firstVersion }, () => site.putPhoto('media/own.jpg', photoBytes('second')));
    // When
    await site.deleteStory('c');
    const { result, logs } = await warnLogs(() => site.publish(c));
    // Then: the first version is not put back under its path with the second's bytes; the operator learns which story to publish again
    expect(result.batchItemFailures).toEqual([]);
    expect(await site.list('media/')).toEqual([]);
    const lost = logs.filter((line) => String(line.message).startsWith('photo not restored'));
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ level: 'WARN', photo, source: 'media/own.jpg', set: dSet, user: sourceHash(d), story: d });
  });
});
