import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { errorLogs, Site, story, useHarness } from './harness.js';

/**
 * What the publisher reads from the content bucket besides a well-formed story: a body larger than
 * its headers say, and site.json as the CLI reads it (same decoding, cleaning and baseUrl rules).
 */

const harness = useHarness();

let sites = 0;
const newSite = (settings: Record<string, string> = {}) => new Site(harness, `content-input-${++sites}`, settings).create();

async function putSiteJson(site: Site, body: string | Uint8Array): Promise<void> {
  await harness.client.send(new PutObjectCommand({ Bucket: site.contentBucket, Key: 'site.json', Body: body }));
}

describe('story objects larger than their headers say', () => {
  it('a chunked answer without Content-Length is read no further than the 2 MB limit; the rest of the batch publishes', async () => {
    // Given: S3 (or anything between) answers the GET of endless.json with 64 MB, chunked, no length
    const site = await newSite();
    const endless = await site.putStory('endless', story(9));
    await site.putStory('a', story(1));
    const total = 64 * 1024 * 1024;
    const stream = { sent: 0, closedByClient: false };
    const respond = (res: ServerResponse) => {
      res.writeHead(200, { 'transfer-encoding': 'chunked', etag: '"0123456789abcdef0123456789abcdef"', 'content-type': 'application/json' });
      res.on('close', () => (stream.closedByClient = !res.writableFinished));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      // Writes as fast as the client reads (backpressure), so `sent` is what the client took.
      const pump = () => {
        while (stream.sent < total && !res.destroyed) {
          stream.sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      pump();
    };
    harness.proxy.inject({ match: (r) => r.method === 'GET' && r.path === `/${site.contentBucket}/${endless}`, reply: { respond }, times: 1 });
    // When
    const { result, logs } = await errorLogs(() => site.publish('stories/endless.json', 'stories/a.json'));
    // Then: refused by the bytes received, the connection closed long before the end
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-0-stories/endless.json' }]);
    expect(logs.find((entry) => entry.key === 'stories/endless.json')?.lines).toEqual(['stories/endless.json: /: story is more than 2097152 bytes; the limit is 2097152']);
    expect(await site.feedIds()).toEqual(['urn:wirefeed:test:story-1']);
    await vi.waitFor(() => expect(stream.closedByClient).toBe(true), { timeout: 5_000 });
    // The limit plus what socket buffers hold when the client stops: far from the 64 MB offered.
    expect(stream.sent).toBeLessThan(16 * 1024 * 1024);
  });
});

describe("site.json in the content bucket, read as the CLI reads it", () => {
  it('a baseUrl with user info is a configuration error naming /baseUrl; nothing is published', async () => {
    // Given
    const site = await newSite({ SITE_URL: '' });
    await putSiteJson(site, JSON.stringify({ title: 'Wire', baseUrl: 'https://editor:s3cret@feeds.example.com' }));
    const key = await site.putStory('a', story(1));
    // When / Then
    await expect(site.publish(key)).rejects.toThrow(`s3://${site.contentBucket}/site.json: /baseUrl: must not hold a user name or password: it starts every published link`);
    expect(await site.list()).toEqual([]);
  });

  it('a baseUrl with user info is an error even when SITE_URL wins over it', async () => {
    const site = await newSite();
    await putSiteJson(site, JSON.stringify({ baseUrl: 'https://editor:s3cret@feeds.example.com' }));
    const key = await site.putStory('a', story(1));
    await expect(site.publish(key)).rejects.toThrow(`s3://${site.contentBucket}/site.json: /baseUrl: must not hold a user name or password`);
  });

  it('SITE_URL with a query or a fragment is an error naming SITE_URL', async () => {
    for (const url of ['https://feeds.example.com/?a=1', 'https://feeds.example.com/#top']) {
      const site = await newSite({ SITE_URL: url });
      const key = await site.putStory('a', story(1));
      await expect(site.publish(key), url).rejects.toThrow(/^SITE_URL: must not have a (query|fragment)/);
    }
  });

  it('a site.json with a byte order mark publishes, its title cleaned of control characters and lone surrogates', async () => {
    // Given: a BOM, then JSON escapes for NUL, BEL, a C1 control, a lone surrogate and a line break
    const site = await newSite();
    const json = JSON.stringify({ title: 'TITLE', description: 'DESCRIPTION' })
      .replace('"TITLE"', '"Wire\\u0000 \\u0007desk\\ud800"')
      .replace('"DESCRIPTION"', '"News\\u0085 from\\n  the wire"');
    await putSiteJson(site, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]));
    const key = await site.putStory('a', story(1));
    // When
    const result = await site.publish(key);
    // Then
    expect(result.batchItemFailures).toEqual([]);
    const feed = JSON.parse((await site.read('feed.json'))!) as { title: string; description: string };
    expect(feed.title).toBe('Wire desk');
    expect(feed.description).toBe('News from the wire');
    expect(await site.read('rss.xml')).toContain('<title>Wire desk</title>');
  });

  it('a site.json in UTF-16 is refused with the message a story file gets', async () => {
    const site = await newSite();
    await putSiteJson(site, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify({ title: 'Wire' }), 'utf16le')]));
    const key = await site.putStory('a', story(1));
    await expect(site.publish(key)).rejects.toThrow(`s3://${site.contentBucket}/site.json: not UTF-8 but UTF-16 (little-endian byte order mark); save the file as UTF-8`);
  });

  it('a site.json over 1 MiB is refused from its size', async () => {
    const site = await newSite();
    await putSiteJson(site, JSON.stringify({ title: 'x'.repeat(1024 * 1024) }));
    const key = await site.putStory('a', story(1));
    await expect(site.publish(key)).rejects.toThrow(new RegExp(`^s3://${site.contentBucket}/site\\.json: 10485\\d\\d bytes; the limit is 1048576$`));
  });
});
