import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { localS3Client, startLocalS3, type LocalS3 } from '../../test/support/local-s3.js';
import { startConditionalProxy, type ConditionalProxy } from '../../test/support/conditional-proxy.js';
import { story } from '../../test/pipeline/harness.js';
import { parseStory } from '../core/ninjs/parse-story.js';
import { FragmentBytes } from '../core/incremental/fragment-bytes.js';
import { loadStoryMedia, photoVersion } from './s3-content.js';
import { SiteWriter } from './s3-site.js';
import { PhotoChangedError } from '../core/ports/site-store.js';

let s3: LocalS3;
let proxy: ConditionalProxy;
beforeAll(async () => {
  s3 = await startLocalS3({ buckets: ['content', 'site'] });
  proxy = await startConditionalProxy(s3.endpoint);
});
afterAll(async () => {
  await proxy?.stop();
  await s3?.stop();
});

const withPhoto = parseStory(JSON.stringify(story(1, { photo: 'media/a%20photo.jpg' })), { source: 'stories/a.json', baseUrl: 'https://x.example' });
const md5 = (bytes: string | Uint8Array) => createHash('md5').update(bytes).digest('hex');
/** A JPEG's opening marker, then `text`: enough for the publisher, which never decodes a photo. */
const jpeg = (text: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(text)]);

describe('photos copied inside S3', () => {
  it('looks a photo up without reading it, copies the version looked up, and refuses one replaced or removed since', async () => {
    // Given a publisher and an editor behind its back
    const client = localS3Client(proxy.endpoint);
    const content = { client, bucket: 'content', prefix: 'site-a/' };
    const writer = new SiteWriter({ client, bucket: 'site', prefix: 'out/' }, content, new FragmentBytes());
    const editor = localS3Client(s3.endpoint);
    const put = (body: Uint8Array) => editor.send(new PutObjectCommand({ Bucket: 'content', Key: 'site-a/media/a photo.jpg', Body: body }));
    const one = jpeg('version one');
    await put(one);
    // When the story's photo is looked up and copied to its planned path
    proxy.requests = [];
    const loaded = await loadStoryMedia(content, [withPhoto]);
    const source = loaded.sourceOf('media/a photo.jpg');
    await writer.ensurePhoto('media/v1/a photo.jpg', source, 'image/jpeg');
    // Then only its first bytes passed through the publisher: a ranged GET of the photo, a HEAD of the target, one copy
    expect(proxy.requests.map(({ method, status }) => `${method} ${status}`)).toEqual(['GET 206', 'HEAD 404', 'PUT 200']);
    // Its facts are its size, its MD5 (the ETag of a one-part upload) and its type, as the CLI computes them
    expect(loaded.catalog('media/a photo.jpg')).toEqual({ bytes: one.byteLength, hash: md5(one), type: 'image/jpeg' });
    const copied = await editor.send(new GetObjectCommand({ Bucket: 'site', Key: 'out/media/v1/a photo.jpg' }));
    expect(Buffer.from(await copied.Body!.transformToByteArray())).toEqual(Buffer.from(one));
    expect(copied.ContentType).toBe('image/jpeg');
    expect(copied.CacheControl).toMatch(/immutable/);
    // When the editor replaces it between the look-up and the copy
    const two = jpeg('version two, longer');
    await put(two);
    // Then the old version is not copied: the new bytes would be wrong under its path
    await expect(writer.ensurePhoto('media/v1-again/a photo.jpg', source, 'image/jpeg')).rejects.toThrow(PhotoChangedError);
    await expect(writer.ensurePhoto('media/v1-again/a photo.jpg', source, 'image/jpeg')).rejects.toThrow(/site-a\/media\/a photo\.jpg was changed while its story was being published/);
    // And looked up again, the new version has new facts
    const after = await loadStoryMedia(content, [withPhoto]);
    expect(after.catalog('media/a photo.jpg')).toEqual({ bytes: two.byteLength, hash: md5(two), type: 'image/jpeg' });
    // When it is removed before the copy
    await editor.send(new DeleteObjectCommand({ Bucket: 'content', Key: 'site-a/media/a photo.jpg' }));
    await expect(writer.ensurePhoto('media/v2/a photo.jpg', after.sourceOf('media/a photo.jpg'), 'image/jpeg')).rejects.toThrow(/was removed while/);
    client.destroy();
    editor.destroy();
  });

  it('tells the type from the first bytes only, whatever the name, and the size of the whole', async () => {
    // Given a large PNG, an HTML page and an empty file, all named as JPEGs. Straight to s3rver: for
    // a range of an empty object it announces one byte and sends none, which the proxy waits for.
    const client = localS3Client(s3.endpoint);
    const content = { client, bucket: 'content', prefix: 'site-b/' };
    const editor = client;
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(3_000_000, 7)]);
    const bodies: Record<string, Uint8Array> = { 'media/big.jpg': png, 'media/page.jpg': Buffer.from('<meta http-equiv="refresh" content="0;url=https://evil.example/">'), 'media/empty.jpg': new Uint8Array(0) };
    for (const [key, body] of Object.entries(bodies)) await editor.send(new PutObjectCommand({ Bucket: 'content', Key: `site-b/${key}`, Body: body }));
    const stories = Object.keys(bodies).map((path, n) => parseStory(JSON.stringify(story(n + 1, { photo: path })), { source: `stories/${n}.json`, baseUrl: 'https://x.example' }));
    // When they are looked up
    const loaded = await loadStoryMedia(content, stories);
    // Then the sizes and ETags are of the whole objects, the types of their first bytes
    expect(loaded.catalog('media/big.jpg')).toEqual({ bytes: png.byteLength, hash: md5(png), type: 'image/png' });
    expect(loaded.catalog('media/page.jpg')).toMatchObject({ type: undefined });
    expect(loaded.catalog('media/empty.jpg')).toEqual({ bytes: 0, hash: md5(''), type: undefined });
    client.destroy();
  });

  it('keeps a one-part ETag as the version and hashes any other ETag into the same form', () => {
    expect(photoVersion(md5('x'))).toBe(md5('x'));
    expect(photoVersion('9b2cf535f27731c974343645a3985328-3')).toBe(md5('9b2cf535f27731c974343645a3985328-3'));
    expect(photoVersion('9b2cf535f27731c974343645a3985328-3')).toMatch(/^[0-9a-f]{32}$/);
  });
});
