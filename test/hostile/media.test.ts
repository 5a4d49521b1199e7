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

describe('files that are not images, declared as photos', () => {
  const EVIL_HTML = '<meta http-equiv="refresh" content="0;url=https://evil.example/">';
  const EVIL_SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>location="https://evil.example/"</script></svg>';
  const PNG = readFileSync('test/hostile/corpus/media/pixel.png');
  let dir: string;
  let run: CliRun;

  beforeAll(async () => {
    // Given an HTML page and an SVG declared image/jpeg, and a real PNG named and declared as a JPEG
    dir = contentWith({
      'evil-html.json': storyWithPhoto('evil-html', 'media/evil.html'),
      'evil-svg.json': storyWithPhoto('evil-svg', 'media/evil.svg'),
      'evil-named.json': storyWithPhoto('evil-named', 'media/evil.jpg'),
      'png-as-jpeg.json': storyWithPhoto('png-as-jpeg', 'media/pixel.jpg'),
    });
    writeFileSync(join(dir, 'media/evil.html'), EVIL_HTML);
    writeFileSync(join(dir, 'media/evil.svg'), EVIL_SVG);
    writeFileSync(join(dir, 'media/evil.jpg'), EVIL_HTML);
    writeFileSync(join(dir, 'media/pixel.jpg'), PNG);
    run = await build(dir);
  });

  it('rejects each story with its file and the href that names the file', () => {
    expect(run.code).toBe(1);
    expect(run.errors.sort()).toEqual(
      ['evil-html', 'evil-named', 'evil-svg'].map((name) => {
        const file = { 'evil-html': 'media/evil.html', 'evil-named': 'media/evil.jpg', 'evil-svg': 'media/evil.svg' }[name];
        return `${join(dir, `stories/${name}.json`)}: /associations/0/renditions/0/href: ${file} is not a JPEG, PNG, GIF, WebP or AVIF image (by its bytes); only those are published`;
      }),
    );
  });

  it('writes none of their bytes into the site, and publishes the other stories', () => {
    for (const file of filesUnder(run.outDir)) {
      const text = readFileSync(file, 'utf8');
      expect(text.includes('http-equiv') || text.includes('<svg'), file).toBe(false);
    }
    expect(filesUnder(join(run.outDir, 'media')).filter((file) => /evil/.test(file))).toEqual([]);
    expect(publishedIds(run).sort()).toEqual([...SAMPLE_IDS, 'urn:wirefeed:hostile:media:png-as-jpeg'].sort());
  });

  it('publishes a PNG declared as a JPEG as a PNG, under a name a server types as one', () => {
    const item = (JSON.parse(run.read('feed.json')) as { items: Array<{ id: string; attachments?: Array<{ url: string; mime_type: string }> }> }).items.find((i) => i.id === 'urn:wirefeed:hostile:media:png-as-jpeg')!;
    expect(item.attachments).toEqual([expect.objectContaining({ mime_type: 'image/png', url: expect.stringMatching(/\/media\/[0-9a-f]{16}\/pixel\.jpg\.png$/) })]);
    const published = join(run.outDir, new URL(item.attachments![0]!.url).pathname);
    expect(readFileSync(published)).toEqual(PNG);
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
