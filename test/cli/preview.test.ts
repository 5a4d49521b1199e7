import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRssFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewProcess } from '../support/preview-process.js';
import { contentWith } from '../hostile/hostile-content.js';

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

describe('wirefeed preview and files that are not images', () => {
  const EVIL_HTML = '<meta http-equiv="refresh" content="0;url=https://evil.example/">';
  let preview: PreviewProcess;
  let stale: string;
  beforeAll(async () => {
    // Given a story whose photo is an HTML page declared image/jpeg, and such a page in the output
    // folder under media/, as a build before this check left it
    const photo = { name: 'photo', uri: 'urn:test:evil:photo', type: 'picture', renditions: [{ name: 'highres', href: 'media/evil.html', contentType: 'image/jpeg', width: 800, height: 600 }] };
    const story = { uri: 'urn:test:evil', type: 'text', version: '1', firstCreated: '2024-06-01T10:00:00Z', versionCreated: '2024-06-01T10:00:00Z', headlines: [{ role: 'main', value: 'Evil' }], associations: [photo] };
    const dir = contentWith({ 'evil.json': JSON.stringify(story) });
    writeFileSync(join(dir, 'media/evil.html'), EVIL_HTML);
    const out = mkdtempSync(join(tmpdir(), 'wirefeed-preview-'));
    stale = `media/${createHash('md5').update('older').digest('hex').slice(0, 16)}/evil.html`;
    mkdirSync(join(out, stale, '..'), { recursive: true });
    writeFileSync(join(out, stale), EVIL_HTML);
    preview = await startPreview(dir, out);
  });
  afterAll(() => {
    preview?.stop();
  });

  it('neither copies nor serves them: no HTML under media/ on the preview origin', async () => {
    // When the page is asked for where the build would have put it, and where an older build did
    const planned = `media/${createHash('md5').update(EVIL_HTML).digest('hex').slice(0, 16)}/evil.html`;
    for (const path of [planned, stale]) {
      const response = await fetch(`${preview.base}/${path}`);
      // Then it is not found, and nothing is sent as a document
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await response.text()).not.toContain('http-equiv');
    }
    // While the real photos are served as the images they are
    const rss = await (await fetch(`${preview.base}/rss.xml`)).text();
    const photoUrl = parseRssFeed(rss).items!.find((item) => item.media?.contents?.length)!.media!.contents![0]!.url!;
    expect((await fetch(photoUrl)).headers.get('content-type')).toBe('image/jpeg');
  });
});
