import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { localS3Client, startLocalS3, type LocalS3 } from '../../test/support/local-s3.js';
import { startConditionalProxy, type ConditionalProxy } from '../../test/support/conditional-proxy.js';
import { story } from '../../test/pipeline/harness.js';
import { parseStory } from '../core/ninjs/parse-story.js';
import { loadStoryMedia, PhotoChangedError } from './s3-content.js';

let s3: LocalS3;
let proxy: ConditionalProxy;
beforeAll(async () => {
  s3 = await startLocalS3({ buckets: ['content'] });
  proxy = await startConditionalProxy(s3.endpoint);
});
afterAll(async () => {
  await proxy?.stop();
  await s3?.stop();
});

const withPhoto = parseStory(JSON.stringify(story(1, { photo: 'media/a.jpg' })), { source: 'stories/a.json', baseUrl: 'https://x.example' });

describe('photos read again by the process that holds their facts', () => {
  it('hashes a photo once, reads its bytes again only to copy it, and refuses bytes replaced since', async () => {
    // Given one "container" and an editor behind its back
    const content = { client: localS3Client(proxy.endpoint), bucket: 'content', prefix: 'site-a/' };
    const editor = localS3Client(s3.endpoint);
    const put = (body: string) => editor.send(new PutObjectCommand({ Bucket: 'content', Key: 'site-a/media/a.jpg', Body: body }));
    await put('version one');
    const first = await loadStoryMedia(content, [withPhoto]);
    // When the same photo is loaded again (a correction of the story)
    proxy.requests = [];
    const again = await loadStoryMedia(content, [withPhoto]);
    const statuses = proxy.requests.map(({ method, status }) => `${method} ${status}`);
    const copied = new TextDecoder().decode(await again.bytesOf('media/a.jpg'));
    // Then it was not read again, and its facts are the same
    expect(statuses).toEqual(['GET 304']);
    expect(again.bytes.size).toBe(0);
    expect(again.catalog('media/a.jpg')).toEqual(first.catalog('media/a.jpg'));
    expect(copied).toBe('version one');
    // When the editor replaces it between the hash and the copy, and it is loaded once more
    await put('version two, longer');
    await expect(again.bytesOf('media/a.jpg')).rejects.toThrow(PhotoChangedError);
    await expect(again.bytesOf('media/a.jpg')).rejects.toThrow(/site-a\/media\/a\.jpg was changed while its story was being published/);
    const after = await loadStoryMedia(content, [withPhoto]);
    // Then the new version is read and hashed
    expect(after.catalog('media/a.jpg')?.bytes).toBe('version two, longer'.length);
    expect(after.catalog('media/a.jpg')?.hash).not.toBe(first.catalog('media/a.jpg')?.hash);
    content.client.destroy();
    editor.destroy();
  });
});
