import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from '../support/build-content.js';
import { attributesOf, auditFeedHtml } from './html-audit.js';
import { BASE, build, contentWith, publishedIds, SAMPLE_IDS } from './hostile-content.js';

/** A story with one photo whose only rendition is `href`. */
function storyWithPhoto(name: string, href: string): string {
  return JSON.stringify({
    uri: `urn:wirefeed:hostile:media:${name}`,
    type: 'text',
    version: '1',
    firstCreated: '2024-06-01T10:00:00Z',
    versionCreated: '2024-06-01T10:00:00Z',
    headlines: [{ role: 'main', value: `Media: ${name}` }],
    associations: [{ name: 'photo', uri: `urn:wirefeed:hostile:photo:${name}`, type: 'picture', renditions: [{ name: 'highres', href, contentType: 'image/jpeg', width: 800, height: 600 }] }],
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('media links out of the content folder', () => {
  const SECRET = 'SECRET-OUTSIDE-THE-CONTENT-FOLDER';
  let dir: string;
  let run: CliRun;

  beforeAll(async () => {
    // Given files outside the content folder, reachable from media/ only through symbolic links
    const outside = mkdtempSync(join(tmpdir(), 'wirefeed-outside-'));
    writeFileSync(join(outside, 'secret.jpg'), SECRET);
    dir = contentWith({
      'symlink-file.json': storyWithPhoto('symlink-file', 'media/evil/secret.jpg'),
      'symlink-dir.json': storyWithPhoto('symlink-dir', 'media/linked/secret.jpg'),
      'symlink-inside.json': storyWithPhoto('symlink-inside', 'media/alias/photo1-400.jpg'),
    });
    mkdirSync(join(dir, 'media/evil'));
    symlinkSync(join(outside, 'secret.jpg'), join(dir, 'media/evil/secret.jpg'));
    symlinkSync(outside, join(dir, 'media/linked'));
    // A link that stays inside media/ is an ordinary alias.
    symlinkSync(join(dir, 'media/vienna-talks'), join(dir, 'media/alias'));
    run = await build(dir);
  });

  it('refuses photos behind a link that leaves the content folder, as a missing file at the href', () => {
    expect(run.code).toBe(1);
    expect(run.errors.sort()).toEqual([
      `${join(dir, 'stories/symlink-dir.json')}: /associations/0/renditions/0/href: media file not found: media/linked/secret.jpg`,
      `${join(dir, 'stories/symlink-file.json')}: /associations/0/renditions/0/href: media file not found: media/evil/secret.jpg`,
    ]);
  });

  it('publishes nothing read through such a link, and everything else', () => {
    for (const file of filesUnder(run.outDir)) expect(readFileSync(file, 'utf8').includes(SECRET), file).toBe(false);
    expect(publishedIds(run).sort()).toEqual([...SAMPLE_IDS, 'urn:wirefeed:hostile:media:symlink-inside'].sort());
  });
});

describe('absolute rendition URLs', () => {
  let server: Server;
  const requests: string[] = [];
  let base: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('are published as given and never fetched during a build', async () => {
    // Given a photo whose rendition lives on a server that records every request
    const href = `${base}/photos/remote.jpg?size=large&v=1`;
    const run = await build(contentWith({ 'external.json': storyWithPhoto('external', href) }));
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    const item = (JSON.parse(run.read('feed.json')) as { items: Array<{ id: string; image?: string }> }).items.find((i) => i.id === 'urn:wirefeed:hostile:media:external');
    expect(item?.image).toBe(href);
    expect(run.read('rss.xml')).toContain(`<enclosure url="${href.replace('&', '&amp;')}" length="0" type="image/jpeg"/>`);
    expect(existsSync(join(run.outDir, 'media/photos'))).toBe(false);
    expect(requests).toEqual([]);
  });

  it('keep a plain-http photo in the enclosure but out of the body HTML (https images only)', async () => {
    const href = `${base}/photos/plain-http.jpg`;
    const run = await build(contentWith({ 'external-http.json': storyWithPhoto('external-http', href) }));
    expect(run.code).toBe(0);
    const item = (JSON.parse(run.read('feed.json')) as { items: Array<{ id: string; image?: string; content_html: string }> }).items.find((i) => i.id === 'urn:wirefeed:hostile:media:external-http')!;
    expect(item.image).toBe(href);
    expect(attributesOf(item.content_html, 'img', 'src')).toEqual([]);
    expect(auditFeedHtml(item.content_html, { baseUrl: BASE })).toEqual([]);
    expect(requests).toEqual([]);
  });
});
