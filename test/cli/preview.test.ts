import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRssFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewProcess } from '../support/preview-process.js';

/** GET `path` from the preview on 127.0.0.1 with the Host header given (fetch sets its own). */
function getWithHost(base: string, path: string, host: string): Promise<{ status: number; body: string }> {
  const port = Number(new URL(base).port);
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path, headers: { host } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    });
    sent.on('error', reject);
    sent.end();
  });
}

describe('npm start (wirefeed preview)', () => {
  let preview: PreviewProcess;
  beforeAll(async () => {
    preview = await startPreview('content', mkdtempSync(join(tmpdir(), 'wirefeed-preview-')));
  });
  afterAll(() => {
    preview?.stop();
  });

  it('serves an index page that links the three feeds with autodiscovery', async () => {
    const response = await fetch(`${preview.base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain(`<link rel="alternate" type="application/rss+xml" title="wirefeed sample wire (RSS)" href="${preview.base}/rss.xml">`);
    expect(html).toContain('type="application/atom+xml"');
    expect(html).toContain('type="application/feed+json"');
  });

  it('serves feeds with their media types and photos that exist at the URLs the feed names', async () => {
    const rss = await fetch(`${preview.base}/rss.xml`);
    expect(rss.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect((await fetch(`${preview.base}/atom.xml`)).headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect((await fetch(`${preview.base}/feed.json`)).headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const feed = parseRssFeed(await rss.text());
    const photoUrl = feed.items![0]!.media!.contents![0]!.url!;
    expect(photoUrl.startsWith(`${preview.base}/media/`)).toBe(true);
    const photo = await fetch(photoUrl);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
  });

  it('answers a repeated request with If-None-Match by 304', async () => {
    const first = await fetch(`${preview.base}/rss.xml`);
    const etag = first.headers.get('etag')!;
    const again = await fetch(`${preview.base}/rss.xml`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('does not serve hidden files', async () => {
    expect((await fetch(`${preview.base}/.wirefeed-cache/manifest.ndjson`)).status).toBe(404);
    expect((await fetch(`${preview.base}/.hidden`)).status).toBe(404);
  });

  it('does not serve files outside the output folder', async () => {
    const response = await fetch(`${preview.base}/..%2f..%2fpackage.json`);
    expect(response.status).toBe(404);
  });

  it('refuses a Host that is not a loopback name, so a DNS-rebinding page cannot read the site', async () => {
    // Given the preview on 127.0.0.1 and a page whose own name was made to resolve to it
    const port = new URL(preview.base).port;
    for (const host of [`evil.example:${port}`, 'evil.example', `localhost.evil.example:${port}`, `127.0.0.1.nip.io:${port}`, `0.0.0.0:${port}`, `[::ffff:127.0.0.1]:${port}`, `localhost:${Number(port) + 1}`, `localhost:${port}@evil.example`]) {
      // When it asks for the index or a partner feed, Then nothing of the site is sent
      for (const path of ['/', '/rss.xml', '/partners/']) {
        const response = await getWithHost(preview.base, path, host);
        expect(response.status, `${host} ${path}`).toBe(421);
        expect(response.body).not.toContain('<rss');
      }
    }
    // While the loopback names, with the port, are served
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect((await getWithHost(preview.base, '/rss.xml', host)).status, host).toBe(200);
    }
  });
});
