import { describe, expect, it, vi } from 'vitest';
import { parseRssFeed } from 'feedsmith';
import { readFileSync } from 'node:fs';
import { cacheControlOf } from '../../functions/adapters/s3-cache-policy.js';
import { errorLogs, photoBytes, Site, story, useHarness } from './harness.js';

const harness = useHarness();

describe('incremental publish', () => {
  it('publishes a first story with its photo, section feed, page and index', async () => {
    // Given
    const site = await new Site(harness, 'first').create();
    await site.putPhoto('media/a/photo one.jpg', photoBytes('one'));
    const key = await site.putStory('a', story(1, { subjects: ['Politics'], photo: 'media/a/photo%20one.jpg' }));
    // When
    const result = await site.publish(key);
    // Then
    expect(result.batchItemFailures).toEqual([]);
    const rss = await site.getObject('rss.xml');
    expect(rss?.contentType).toBe('application/rss+xml; charset=utf-8');
    expect(rss?.cacheControl).toBe(cacheControlOf('feed'));
    const feed = parseRssFeed(rss!.body);
    expect(feed.items?.map((item) => item.guid?.value)).toEqual(['urn:wirefeed:test:story-1']);
    const enclosure = feed.items?.[0]?.enclosures?.[0]?.url ?? '';
    expect(enclosure).toMatch(/^https:\/\/feeds\.example\.com\/media\/[0-9a-f]{16}\/photo%20one\.jpg$/);
    const photoPath = decodeURI(new URL(enclosure).pathname.slice(1));
    const photo = await site.getObject(photoPath);
    expect(photo?.body).toBe(Buffer.from(photoBytes('one')).toString());
    expect(photo?.cacheControl).toBe(cacheControlOf('photo'));
    expect(await site.feedIds('sections/politics')).toEqual(['urn:wirefeed:test:story-1']);
    expect((await site.getObject('sections/politics/feed.json'))?.contentType).toBe('application/feed+json; charset=utf-8');
    expect(await site.read('index.html')).toContain('sections/politics/rss.xml');
    expect(await site.list('stories/')).toHaveLength(1);
  });

  it('replaces an updated story in place (same guid, new text) and moves a changed photo', async () => {
    // Given
    const site = await new Site(harness, 'update').create();
    await site.putPhoto('media/b/p.jpg', photoBytes('v1'));
    const keys = [await site.putStory('a', story(1)), await site.putStory('b', story(2, { photo: 'media/b/p.jpg' }))];
    await site.publish(...keys);
    const oldPhotos = await site.list('media/');
    expect(oldPhotos).toHaveLength(1);
    // When: a new version with a new headline and new photo bytes
    await site.putPhoto('media/b/p.jpg', photoBytes('v2'));
    await site.putStory('b', story(2, { version: 2, headline: 'Story 2, corrected', photo: 'media/b/p.jpg' }));
    const result = await site.publish(keys[1]!);
    // Then
    expect(result.batchItemFailures).toEqual([]);
    const feed = JSON.parse((await site.read('feed.json'))!) as { items: Array<{ id: string; title: string; image?: string }> };
    expect(feed.items.map((item) => item.id)).toEqual(['urn:wirefeed:test:story-2', 'urn:wirefeed:test:story-1']);
    expect(feed.items[0]!.title).toBe('Story 2, corrected');
    const newPhotos = await site.list('media/');
    expect(newPhotos).toHaveLength(1);
    expect(newPhotos[0]).not.toBe(oldPhotos[0]);
    expect(await site.read(newPhotos[0]!)).toBe(Buffer.from(photoBytes('v2')).toString());
    expect(await site.read('rss.xml')).toContain(newPhotos[0]);
  });

  it('removes a deleted, a canceled and a withheld story from every feed and deletes their unshared photos', async () => {
    // Given: three stories in one section; a and b share a photo, c has its own
    const site = await new Site(harness, 'delete').create();
    await site.putPhoto('media/shared.jpg', photoBytes('shared'));
    await site.putPhoto('media/own.jpg', photoBytes('own'));
    const a = await site.putStory('a', story(1, { subjects: ['Sport'], photo: 'media/shared.jpg' }));
    const b = await site.putStory('b', story(2, { subjects: ['Sport'], photo: 'media/shared.jpg' }));
    const c = await site.putStory('c', story(3, { subjects: ['Sport'], photo: 'media/own.jpg' }));
    const d = await site.putStory('d', story(4, { subjects: ['Culture'] }));
    await site.publish(a, b, c, d);
    expect(await site.list('media/')).toHaveLength(2);
    // When
    await site.deleteStory('a');
    await site.putStory('c', story(3, { version: 2, subjects: ['Sport'], photo: 'media/own.jpg', pubStatus: 'canceled' }));
    await site.putStory('d', story(4, { version: 2, subjects: ['Culture'], pubStatus: 'withheld' }));
    const result = await site.publish(a, c, d);
    // Then
    expect(result.batchItemFailures).toEqual([]);
    expect(await site.feedIds()).toEqual(['urn:wirefeed:test:story-2']);
    expect(await site.feedIds('sections/sport')).toEqual(['urn:wirefeed:test:story-2']);
    expect(await site.list('sections/culture/')).toEqual([]);
    expect(await site.read('index.html')).not.toContain('sections/culture/');
    const photos = await site.list('media/');
    expect(photos).toHaveLength(1);
    expect(await site.read(photos[0]!)).toBe(Buffer.from(photoBytes('shared')).toString());
    expect(await site.list('stories/')).toHaveLength(1);
  });

  it('holds an embargoed story out of every feed and photo URL, and releases it when the embargo passes', async () => {
    // Given
    const site = await new Site(harness, 'embargo').create();
    await site.putPhoto('media/secret.jpg', photoBytes('secret'));
    const future = new Date(Date.now() + 2_000).toISOString();
    const visible = await site.putStory('a', story(1));
    const held = await site.putStory('b', story(2, { embargoed: future, photo: 'media/secret.jpg' }));
    // When
    expect((await site.publish(visible, held)).batchItemFailures).toEqual([]);
    // Then
    expect(await site.feedIds()).toEqual(['urn:wirefeed:test:story-1']);
    expect(await site.list('media/')).toEqual([]);
    for (const path of await site.list()) expect(await site.read(path)).not.toContain('story-2');
    // When the embargo has passed
    await new Promise((resolve) => setTimeout(resolve, Date.parse(future) - Date.now() + 50));
    const released = await site.command('release');
    // Then
    expect(released).toMatchObject({ released: 1, failed: [] });
    expect(await site.feedIds()).toEqual(['urn:wirefeed:test:story-2', 'urn:wirefeed:test:story-1']);
    expect(await site.list('media/')).toHaveLength(1);
  });

  it('rejects a bad story in a batch, logs its key and JSON path, and publishes the good ones', async () => {
    // Given: b is published, then replaced by an invalid version
    const site = await new Site(harness, 'bad').create();
    const b = await site.putStory('b', story(2));
    await site.publish(b);
    const a = await site.putStory('a', story(1));
    const c = await site.putStory('c', story(3));
    const broken = story(2, { version: 2 });
    delete broken.uri;
    await site.putStory('b', broken);
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(String(line)));
    // When
    const result = await site.publish(a, b, c);
    spy.mockRestore();
    // Then
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-1-stories/b.json' }]);
    expect(await site.feedIds()).toEqual(['urn:wirefeed:test:story-3', 'urn:wirefeed:test:story-2', 'urn:wirefeed:test:story-1']);
    const log = errors.map((line) => JSON.parse(line) as { key?: string; lines?: string[] }).find((entry) => entry.key === 'stories/b.json');
    expect(log?.lines?.join('\n')).toContain('stories/b.json: /uri:');
  });

  it('publishes only photos whose bytes are an image, with the type the bytes are, in a publish and a rebuild', async () => {
    // Given an HTML page and an SVG declared image/jpeg, and a PNG named and declared as a JPEG
    const site = await new Site(harness, 'not-images').create();
    const html = '<meta http-equiv="refresh" content="0;url=https://evil.example/">';
    await site.putPhoto('media/evil.html', Buffer.from(html));
    await site.putPhoto('media/evil.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
    const png = readFileSync('test/hostile/corpus/media/pixel.png');
    await site.putPhoto('media/pixel.jpg', png);
    const evil = [await site.putStory('a', story(1, { photo: 'media/evil.html' })), await site.putStory('b', story(2, { photo: 'media/evil.svg' }))];
    const good = await site.putStory('c', story(3, { photo: 'media/pixel.jpg' }));
    // When they are published
    const { result, logs } = await errorLogs(() => site.publish(...evil, good));
    // Then the two stories are rejected with the file named at the href, and nothing of them is copied
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-0-stories/a.json' }, { itemIdentifier: 'm-1-stories/b.json' }]);
    const lines = logs.flatMap((entry) => (entry.lines as string[] | undefined) ?? []).sort();
    expect(lines).toEqual([
      'stories/a.json: /associations/0/renditions/0/href: media/evil.html is not a JPEG, PNG, GIF, WebP or AVIF image (by its bytes); only those are published',
      'stories/b.json: /associations/0/renditions/0/href: media/evil.svg is not a JPEG, PNG, GIF, WebP or AVIF image (by its bytes); only those are published',
    ]);
    expect(await site.feedIds()).toEqual(['urn:wirefeed:test:story-3']);
    // And the PNG is copied as a PNG, under a name that says so, and the feed says image/png
    const photos = await site.list('media/');
    expect(photos).toEqual([expect.stringMatching(/^media\/[0-9a-f]{16}\/pixel\.jpg\.png$/)]);
    expect((await site.getObject(photos[0]!))?.contentType).toBe('image/png');
    const enclosure = parseRssFeed((await site.read('rss.xml'))!).items?.[0]?.enclosures?.[0];
    expect(enclosure).toMatchObject({ type: 'image/png', length: png.byteLength, url: `https://feeds.example.com/${photos[0]}` });
    // When the whole site is rebuilt
    const rebuilt = await errorLogs(() => site.command('rebuild'));
    // Then the same two are refused and the same photo alone is published
    expect(rebuilt.result).toMatchObject({ published: 1, rejected: ['stories/a.json', 'stories/b.json'] });
    expect(await site.list('media/')).toEqual(photos);
    for (const path of await site.list()) expect(await site.read(path), path).not.toContain('http-equiv');
  });

  it('invalidates exactly the changed paths, with the site prefix stripped', async () => {
    // Given
    const site = await new Site(harness, 'cdn', { DISTRIBUTION_ID: 'E2TESTDIST', SITE_PREFIX: 'public/', CONTENT_PREFIX: 'wire/' }).create();
    const a = await site.putStory('a', story(1, { subjects: ['Politics'] }));
    await site.publish(a);
    const first = harness.cloudfront.invalidations.splice(0);
    expect(first).toHaveLength(1);
    expect(first[0]!.distributionId).toBe('E2TESTDIST');
    // When: a second story in another section
    const b = await site.putStory('b', story(2, { subjects: ['Sport'] }));
    await site.publish(b);
    // Then: main feeds and their page (what a browser opening a feed is served: the cache key is that URI), index, the OPML list
    // (a new section), the new section's feeds and pages, and the new story page; nothing of politics, never /*
    const [invalidation, ...more] = harness.cloudfront.invalidations.splice(0);
    expect(more).toEqual([]);
    const page = (await site.list('stories/')).find((path) => path.startsWith('stories/story-2'));
    expect(invalidation!.paths).toEqual(
      ['/', '/atom.xml', '/feed.html', '/feed.json', '/feeds.opml', '/index.html', '/rss.xml', '/sections/sport/atom.xml', '/sections/sport/feed.html', '/sections/sport/feed.json', '/sections/sport/index.html', '/sections/sport/rss.xml', `/${page}`].sort(),
    );
    // When nothing changed, nothing is invalidated
    await site.publish(b);
    expect(harness.cloudfront.invalidations).toEqual([]);
  });

  it('rebuilds the same feeds the incremental publishes produced', async () => {
    // Given: a history of adds, updates and deletes published incrementally
    const site = await new Site(harness, 'rebuild', { ITEM_LIMIT: '3' }).create();
    const keys: string[] = [];
    for (let n = 1; n <= 8; n++) keys.push(await site.putStory(`s${n}`, story(n, { subjects: [n % 2 ? 'Odd' : 'Even'] })));
    await site.publish(...keys);
    await site.deleteStory('s8');
    await site.deleteStory('s7');
    await site.putStory('s6', story(6, { version: 2, subjects: ['Odd'] }));
    await site.publish(keys[7]!, keys[6]!, keys[5]!);
    const folders = ['', 'sections/odd', 'sections/even'];
    const incremental = await Promise.all(folders.flatMap((folder) => ['rss.xml', 'atom.xml', 'feed.json'].map((name) => site.read(`${folder ? `${folder}/` : ''}${name}`))));
    const incrementalIds = await Promise.all(folders.map((folder) => site.feedIds(folder)));
    // When
    const summary = await site.command('rebuild');
    // Then
    expect(summary).toMatchObject({ published: 6, rejected: [] });
    expect(incrementalIds).toEqual([
      ['urn:wirefeed:test:story-6', 'urn:wirefeed:test:story-5', 'urn:wirefeed:test:story-4'],
      ['urn:wirefeed:test:story-6', 'urn:wirefeed:test:story-5', 'urn:wirefeed:test:story-3'],
      ['urn:wirefeed:test:story-4', 'urn:wirefeed:test:story-2'],
    ]);
    expect(await Promise.all(folders.map((folder) => site.feedIds(folder)))).toEqual(incrementalIds);
    const rebuilt = await Promise.all(folders.flatMap((folder) => ['rss.xml', 'atom.xml', 'feed.json'].map((name) => site.read(`${folder ? `${folder}/` : ''}${name}`))));
    expect(rebuilt).toEqual(incremental);
  });

  it('rebuilds archive pages titled like their feed when the story that names a section is refused', async () => {
    // Given: six stories in "Sport", pages of two, and a newer one naming the section "SPORT" whose photo is missing
    const site = await new Site(harness, 'rebuild-title', { ITEM_LIMIT: '2' }).create();
    for (let n = 1; n <= 6; n++) await site.putStory(`s${n}`, story(n, { subjects: ['Sport'] }));
    await site.putStory('s7', story(7, { subjects: ['SPORT'], photo: 'media/missing.jpg' }));
    // When
    const summary = await site.command('rebuild');
    // Then: the refused story is reported, and every archive page carries the feed's own title
    expect(summary).toMatchObject({ published: 6, rejected: [expect.stringContaining('s7.json')] });
    const title = (folder: string) => site.read(`${folder}/feed.json`).then((text) => (JSON.parse(text!) as { title: string }).title);
    const feedTitle = await title('sections/sport');
    expect(feedTitle).toMatch(/: Sport$/);
    expect(await Promise.all([1, 2, 3].map((n) => title(`sections/sport/archive/${n}`)))).toEqual([1, 2, 3].map((n) => `${feedTitle} (archive ${n})`));
  });
});

