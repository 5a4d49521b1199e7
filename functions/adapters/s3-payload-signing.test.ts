import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { S3Client } from './aws-sdk.js';
import { putObject } from './s3-store.js';
import { skipPayloadHashOverTls } from './s3-payload-signing.js';

/** A client whose requests are signed as usual and captured instead of sent. */
function capturingClient(endpoint: string) {
  const sent: Array<{ headers: Record<string, string> }> = [];
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    requestHandler: {
      handle: async (request: { headers: Record<string, string> }) => {
        sent.push(request);
        return { response: { statusCode: 200, headers: { etag: '"e"' }, body: Readable.from([]) } };
      },
    },
  });
  return { client: skipPayloadHashOverTls(client), sent };
}

describe('payload hashing', () => {
  it('signs a body sent over TLS as UNSIGNED-PAYLOAD, the signed checksum kept', async () => {
    // Given
    const { client, sent } = capturingClient('https://s3.example.invalid');
    // When
    await putObject({ client, bucket: 'site', prefix: '' }, 'rss.xml', 'x'.repeat(1000), { contentType: 'application/rss+xml', cacheControl: 'no-cache' });
    // Then
    const headers = sent[0]!.headers;
    expect(headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(headers.authorization).toMatch(/SignedHeaders=[^,]*x-amz-content-sha256/);
    expect(Object.keys(headers).some((name) => name.startsWith('x-amz-checksum-'))).toBe(true);
  });

  it('keeps hashing bodies sent over plain HTTP', async () => {
    // Given
    const { client, sent } = capturingClient('http://127.0.0.1:9');
    // When
    await putObject({ client, bucket: 'site', prefix: '' }, 'rss.xml', 'abc', { contentType: 'application/rss+xml', cacheControl: 'no-cache' });
    // Then: SHA-256 of "abc"
    expect(sent[0]!.headers['x-amz-content-sha256']).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
