import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { localS3Client, startLocalS3, type LocalS3 } from '../../test/support/local-s3.js';
import { startConditionalProxy, type ConditionalProxy } from '../../test/support/conditional-proxy.js';
import { readJson, updateJson } from './s3-state.js';
import { StateCache } from './state-cache.js';

let s3: LocalS3;
let proxy: ConditionalProxy;
beforeAll(async () => {
  s3 = await startLocalS3({ buckets: ['state'] });
  proxy = await startConditionalProxy(s3.endpoint);
});
afterAll(async () => {
  await proxy?.stop();
  await s3?.stop();
});

describe('state read again by the process that holds it', () => {
  it('moves the body only when the object changed: 304 after its own write, 200 after another writer, gone after a delete', async () => {
    // Given one "container" and another writer behind its back
    const at = { client: localS3Client(proxy.endpoint), bucket: 'state', prefix: 'p/' };
    const other = localS3Client(s3.endpoint);
    await updateJson<{ n: number }>(at, 'window.json', async () => ({ n: 1 }));
    // When
    proxy.requests = [];
    const mine = await readJson<{ n: number }>(at, 'window.json');
    const afterOwnWrite = proxy.requests.map(({ method, status }) => `${method} ${status}`);
    await other.send(new PutObjectCommand({ Bucket: 'state', Key: 'p/window.json', Body: '{"n":2}' }));
    proxy.requests = [];
    const theirs = await readJson<{ n: number }>(at, 'window.json');
    const afterOtherWrite = proxy.requests.map(({ method, status }) => `${method} ${status}`);
    await other.send(new DeleteObjectCommand({ Bucket: 'state', Key: 'p/window.json' }));
    const gone = await readJson<{ n: number }>(at, 'window.json');
    // Then
    expect(mine?.value).toEqual({ n: 1 });
    expect(afterOwnWrite).toEqual(['GET 304']);
    expect(theirs?.value).toEqual({ n: 2 });
    expect(theirs?.body).toBe('{"n":2}');
    expect(afterOtherWrite).toEqual(['GET 200']);
    expect(gone).toBeUndefined();
    at.client.destroy();
    other.destroy();
  });
});

describe('StateCache', () => {
  it('keeps the most recently used bodies within its bound, counting bytes of framed ones', () => {
    // Given
    const cache = new StateCache(10);
    // When
    cache.set('a', { etag: 'ea', body: 'aaaa' });
    cache.set('b', { etag: 'eb', body: 'bbbb' });
    cache.get('a');
    cache.set('c', { etag: 'ec', body: new Uint8Array(4) });
    cache.set('huge', { etag: 'eh', body: 'x'.repeat(11) });
    // Then
    expect(cache.get('a')).toEqual({ etag: 'ea', body: 'aaaa' });
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')).toEqual({ etag: 'ec', body: new Uint8Array(4) });
    expect(cache.get('huge')).toBeUndefined();
  });
});
