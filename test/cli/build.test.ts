import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parseFeed as parseWithRowanmanning } from '@rowanmanning/feed-parser';
import { parseAtomFeed, parseJsonFeed, parseOpml, parseRssFeed } from 'feedsmith';
import RssParser from 'rss-parser';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/build-content.js';

const SEED_ID = 'urn:newsml:xinhuanet.com:20151031:vienna-talks-syria';
const BASE = 'https://wire.example.org';
const seed = JSON.parse(readFileSync('content/stories/vienna-talks-syria.json', 'utf8'));
const seedPhotos = seed.associations.filter((a: { type: string }) => a.type === 'picture');

/** Strict, namespace-aware well-formedness check: throws on the first error, e.g. an undeclared prefix. */
function assertWellFormed(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
}

/** Size in bytes of the published file behind one of our photo URLs. */
function publishedSize(run: CliRun, url: string): number {
  return statSync(join(run.outDir, new URL(url).pathname)).size;
}

describe('wirefeed build over content/', () => {
  let run: CliRun;
  beforeAll(async () => {
    run = await runCli(['build', '--content', 'content', '--out', '$OUT', '--base-url', BASE]);
  });

  it('exits 0 and writes the three feeds, pages and photos', () => {
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    for (const file of ['rss.xml', 'atom.xml', 'feed.json', 'index.html', 'style.css']) expect(existsSync(join(run.outDir, file))).toBe(true);
  });

  it('keeps its fragment cache beside the output folder, never inside it (nothing to sync or serve)', () => {
    expect(readdirSync(run.outDir).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(existsSync(join(dirname(run.outDir), '.wirefeed-cache', basename(run.outDir), 'manifest.ndjson'))).toBe(true);
  });

  it('writes namespace-well-formed XML', () => {
    assertWellFormed(run.read('rss.xml'));
    assertWellFormed(run.read('atom.xml'));
  });

  it('RSS (feedsmith): seed story with guid, date, credit, one enclosure and all four photos as Media RSS', () => {
    const feed = parseRssFeed(run.read('rss.xml'));
    expect(feed.atom?.links?.find((l) => l.rel === 'self')?.href).toBe(`${BASE}/rss.xml`);
    const item = feed.items!.find((i) => i.guid?.value === SEED_ID)!;
    expect(item.guid?.isPermaLink).toBe(false);
    expect(new Date(item.pubDate!).toISOString()).toBe('2015-10-30T21:51:00.000Z');
    expect(item.dc?.creators).toEqual(['Xinhua']);
    expect(item.enclosures).toHaveLength(1);
    const contents = item.media!.contents!;
    expect(contents).toHaveLength(4);
    contents.forEach((content, index) => {
      expect(content).toMatchObject({ type: 'image/jpeg', medium: 'image', width: 1600, height: 1067 });
      expect(content.fileSize).toBe(publishedSize(run, content.url!));
      expect(content.fileSize).toBe(seedPhotos[index].renditions[0].sizeInBytes);
      expect(content.credits?.[0]?.value).toBe('Xinhua/Liu Xiang');
      expect(content.description?.value).toBe(seedPhotos[index].descriptions[0].value);
      expect(content.thumbnails?.[0]).toMatchObject({ width: 400, height: 267 });
    });
    expect(item.enclosures![0]).toEqual({ url: contents[0]!.url, length: contents[0]!.fileSize, type: 'image/jpeg' });
    // Every photo also shows in the body, with the same URL.
    for (const content of contents) expect(item.content?.encoded).toContain(`src="${content.url}"`);
  });

  it('RSS (rss-parser): the same guid, date, author and lead enclosure', async () => {
    const parser = new RssParser<object, { mediaContent: Array<{ $: Record<string, string> }> }>({
      customFields: { item: [['media:content', 'mediaContent', { keepArray: true }]] },
    });
    const feed = await parser.parseString(run.read('rss.xml'));
    const item = feed.items.find((i) => i.guid === SEED_ID)!;
    expect(item.isoDate).toBe('2015-10-30T21:51:00.000Z');
    expect(item.creator).toBe('Xinhua');
    expect(item.enclosure?.type).toBe('image/jpeg');
    expect(item.mediaContent.map((m) => m.$.url)).toHaveLength(4);
    expect(item.mediaContent.every((m) => m.$.medium === 'image')).toBe(true);
  });

  it('Atom (feedsmith and @rowanmanning/feed-parser): one enclosure link per photo with type and length', () => {
    const atom = run.read('atom.xml');
    const entry = parseAtomFeed(atom).entries!.find((e) => e.id === SEED_ID)!;
    const enclosures = entry.links!.filter((l) => l.rel === 'enclosure');
    expect(enclosures).toHaveLength(4);
    for (const link of enclosures) {
      expect(link.type).toBe('image/jpeg');
      expect(link.length).toBe(publishedSize(run, link.href!));
    }
    expect(entry.published).toBe('2015-10-30T21:51:00Z');
    const other = parseWithRowanmanning(atom).items.find((i) => i.id === SEED_ID)!;
    expect(other.published?.toISOString()).toBe('2015-10-30T21:51:00.000Z');
    expect(other.media.map((m) => m.url)).toEqual(enclosures.map((l) => l.href));
    expect(other.authors.map((a) => a.name)).toEqual(['Xinhua']);
  });

  it('JSON Feed 1.1 (feedsmith): attachments for every photo, image, dates, authors, tags', () => {
    const feed = parseJsonFeed(JSON.parse(run.read('feed.json')));
    expect(JSON.parse(run.read('feed.json')).version).toBe('https://jsonfeed.org/version/1.1');
    const item = feed.items!.find((i) => i.id === SEED_ID)!;
    expect(item.attachments).toHaveLength(4);
    for (const attachment of item.attachments!) {
      expect(attachment.mime_type).toBe('image/jpeg');
      expect(attachment.size_in_bytes).toBe(publishedSize(run, attachment.url!));
    }
    // Three photos share one caption; titles must still differ or readers take them for alternates.
    expect(new Set(item.attachments!.map((a) => a.title)).size).toBe(4);
    expect(item.image).toBe(item.attachments![0]!.url);
    expect(item.date_published).toBe('2015-10-30T21:51:00Z');
    expect(item.authors).toEqual([{ name: 'Xinhua' }]);
    expect(item.tags).toContain('Politics');
  });

  it('orders items newest first, identically in all three formats', () => {
    const rssIds = parseRssFeed(run.read('rss.xml')).items!.map((i) => i.guid?.value);
    const atomIds = parseAtomFeed(run.read('atom.xml')).entries!.map((e) => e.id);
    const jsonIds = parseJsonFeed(JSON.parse(run.read('feed.json'))).items!.map((i) => i.id);
    expect(atomIds).toEqual(rssIds);
    expect(jsonIds).toEqual(rssIds);
    const dates = parseRssFeed(run.read('rss.xml')).items!.map((i) => Date.parse(i.pubDate!));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  });

  it('lists the main feed and every section feed in feeds.opml', () => {
    const opml = parseOpml(run.read('feeds.opml'));
    const urls = opml.body!.outlines!.map((outline) => outline.xmlUrl);
    expect(urls[0]).toBe(`${BASE}/rss.xml`);
    expect(urls).toContain(`${BASE}/sections/politics/rss.xml`);
    for (const url of urls) expect(existsSync(join(run.outDir, new URL(url!).pathname))).toBe(true);
  });

  it('writes a section feed per subject', () => {
    const section = parseRssFeed(run.read('sections/politics/rss.xml'));
    expect(section.items!.map((i) => i.guid?.value)).toContain(SEED_ID);
  });

  it('summarises the AP picture by its caption, never by its creditline description', () => {
    // Given the sample picture item whose descriptions are a creditline, then a caption
    const turkey = JSON.parse(readFileSync('content/stories/turkey-islamic-state.json', 'utf8')) as { uri: string };
    // Then every format's summary is the caption
    const rss = parseRssFeed(run.read('rss.xml')).items!.find((i) => i.guid?.value === turkey.uri)!;
    const atom = parseAtomFeed(run.read('atom.xml')).entries!.find((e) => e.id === turkey.uri)!;
    const json = parseJsonFeed(JSON.parse(run.read('feed.json'))).items!.find((i) => i.id === turkey.uri)!;
    for (const summary of [rss.description, atom.summary?.value, json.summary]) expect(summary).toMatch(/^FILE - In this Monday, Nov\. 11, 2019 file photo/);
    expect(run.read(json.url!.slice(BASE.length + 1))).not.toContain('ASSOCIATED PRESS');
  });
});

describe('wirefeed build with a bad story', () => {
  it('publishes the good stories, names the bad file and JSON path, exits 1', async () => {
    // Given the sample content plus one story with a wrongly typed headline
    const content = mkdtempSync(join(tmpdir(), 'wirefeed-content-'));
    cpSync('content', content, { recursive: true });
    writeFileSync(join(content, 'stories', 'broken.json'), JSON.stringify({ uri: 'urn:x:broken', versionCreated: '2024-01-01T00:00:00Z', headlines: [{ value: 7 }] }));
    // When it is built
    const run = await runCli(['build', '--content', content, '--out', '$OUT']);
    // Then
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([expect.stringMatching(/stories\/broken\.json: \/headlines\/0\/value: expected string$/)]);
    expect(parseRssFeed(run.read('rss.xml')).items).toHaveLength(6);
  });

  it('validate reports the same problems without writing anything', async () => {
    const content = mkdtempSync(join(tmpdir(), 'wirefeed-content-'));
    cpSync('content', content, { recursive: true });
    writeFileSync(join(content, 'stories', 'no-photo.json'), JSON.stringify({
      uri: 'urn:x:p', versionCreated: '2024-01-01T00:00:00Z', headlines: [{ value: 'Photo missing' }],
      associations: [{ name: 'p', uri: 'urn:x:p:photo', type: 'picture', renditions: [{ name: 'r', href: 'media/missing.jpg', contentType: 'image/jpeg' }] }],
    }));
    const run = await runCli(['validate', '--content', content]);
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([expect.stringMatching(/no-photo\.json: \/associations\/0\/renditions\/0\/href: media file not found: media\/missing\.jpg$/)]);
  });
});

describe('npx wirefeed (the installed bin)', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs']);
  });

  it('builds content/ into a folder and exits 0', () => {
    const out = mkdtempSync(join(tmpdir(), 'wirefeed-bin-'));
    const result = spawnSync(process.execPath, ['bin/wirefeed.js', 'build', '--content', 'content', '--out', out], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/published 6 stories/);
    for (const file of ['rss.xml', 'atom.xml', 'feed.json']) expect(existsSync(join(out, file))).toBe(true);
  });

  it('builds the hostile HTML corpus byte for byte like the source does (bundled sanitizer included)', async () => {
    // Given: the samples plus every hostile HTML story
    const content = mkdtempSync(join(tmpdir(), 'wirefeed-bin-hostile-'));
    cpSync('content', content, { recursive: true });
    for (const name of readdirSync('test/hostile/corpus/html')) cpSync(join('test/hostile/corpus/html', name), join(content, 'stories', `hostile-${name}`));
    const compiledOut = mkdtempSync(join(tmpdir(), 'wirefeed-bin-out-'));
    // When
    const compiled = spawnSync(process.execPath, ['bin/wirefeed.js', 'build', '--content', content, '--out', compiledOut, '--base-url', BASE, '--now', '2030-01-01'], { encoding: 'utf8' });
    const source = await runCli(['build', '--content', content, '--out', '$OUT', '--base-url', BASE, '--now', '2030-01-01']);
    // Then
    expect(compiled.status).toBe(source.code);
    const files = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length)).sort();
    expect(files(compiledOut)).toEqual(files(source.outDir));
    expect(files(compiledOut).length).toBeGreaterThan(30);
    for (const file of files(source.outDir)) expect(readFileSync(join(compiledOut, file)).equals(readFileSync(join(source.outDir, file))), file).toBe(true);
  });

  it('exits 2 with usage on a wrong command', () => {
    const result = spawnSync(process.execPath, ['bin/wirefeed.js', 'publish'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown command: publish/);
  });
});
