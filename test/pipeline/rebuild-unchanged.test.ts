import { describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { sourceHash } from '../../functions/core/incremental/layout.js';
import { S3_STATE_KEYS as keys } from '../../functions/adapters/s3-state-layout.js';
import { photoBytes, Site, story, useHarness } from './harness.js';
import { putSiteJson } from './parity-support.js';

const harness = useHarness();

/** Paths (bucket and prefix stripped) the handler wrote, copied or deleted since the proxy's log was cleared. */
function writes(site: Site): string[] {
  const bucket = `/${site.siteBucket}/`;
  return harness.proxy.requests
    .filter(({ method, path }) => (method === 'PUT' || method === 'DELETE') && path.startsWith(bucket))
    .map(({ path }) => decodeURIComponent(path.slice(bucket.length)))
    .sort();
}

describe('rebuild of a site that did not change', () => {
  it('writes nothing; after one correction, only what the correction changed; deletes only stray files in its folders', async () => {
    // Given: a site with archive pages, sections, partner feeds and a shared photo, rebuilt once
    const site = await new Site(harness, 'rebuild-again', { ITEM_LIMIT: '3' }).create();
    await putSiteJson(site, 3);
    await site.putPhoto('media/p.jpg', photoBytes('shared'));
    for (let n = 1; n <= 14; n++) await site.putStory(`s${n}`, story(n, { subjects: [n % 2 ? 'Odd' : 'Even'], photo: 'media/p.jpg' }));
    expect(await site.command('rebuild')).toMatchObject({ published: 14, rejected: [] });
    const files = await site.list();
    // When it is rebuilt again with no story changed
    harness.proxy.requests = [];
    expect(await site.command('rebuild')).toMatchObject({ published: 14, rejected: [], deleted: 0, filesChanged: 0, stateWritten: 0 });
    // Then it wrote nothing at all, and the site is the same; the photo the 14 stories share was
    // looked up once, by a ranged GET of its first bytes (its type is what they are)
    expect(writes(site)).toEqual([]);
    expect(harness.proxy.requests.filter(({ path }) => path.startsWith(`/${site.contentBucket}/media/`))).toEqual([
      { method: 'GET', path: `/${site.contentBucket}/media/p.jpg`, query: 'x-id=GetObject', status: 206 },
    ]);
    const lists = harness.proxy.requests.filter(({ path, query }) => path.startsWith(`/${site.contentBucket}`) && query.includes('list-type'));
    expect(lists.map(({ query }) => new URLSearchParams(query).get('prefix'))).toEqual(['stories/']);
    expect(await site.list()).toEqual(files);
    // When one story on an archive page is corrected, and the site rebuilt
    await site.putStory('s4', story(4, { version: 2, subjects: ['Even'], photo: 'media/p.jpg' }));
    harness.proxy.requests = [];
    expect(await site.command('rebuild')).toMatchObject({ published: 14, filesChanged: 7, stateWritten: 7 });
    // Then what is written is the story's own page and state and the archive pages and windows it is
    // on: MSN's too, which keeps its newest candidates though all fail its preflight (2024 is past its
    // 365 days), and whose file does not change
    const written = writes(site);
    const hash = sourceHash('stories/s4.json');
    expect(written.filter((path) => !path.startsWith('_wirefeed/'))).toEqual([
      ...['atom.xml', 'feed.json', 'rss.xml'].map((name) => `archive/2/${name}`),
      ...['atom.xml', 'feed.json', 'rss.xml'].map((name) => `sections/even/archive/1/${name}`),
      expect.stringMatching(/^stories\/story-4-[0-9a-f]{16}\.html$/),
    ]);
    expect(written.filter((path) => path.startsWith('_wirefeed/'))).toEqual([
      keys.archivePage('', 2),
      keys.archivePage('sections/even', 1),
      expect.stringMatching(/^_wirefeed\/claims\//),
      keys.item(hash),
      keys.partnerShortlist({ name: 'msn' }),
      keys.record(hash),
      keys.window('sections/even'),
    ]);
    // When a stray file lies in a folder the publisher owns, another outside them, and the site is rebuilt
    for (const key of ['sections/gone/rss.xml', 'robots.txt']) await harness.client.send(new PutObjectCommand({ Bucket: site.siteBucket, Key: key, Body: 'x' }));
    expect(await site.command('rebuild')).toMatchObject({ published: 14, deleted: 1 });
    // Then only the stray file in the owned folder is gone
    expect(await site.read('sections/gone/rss.xml')).toBeUndefined();
    expect(await site.read('robots.txt')).toBe('x');
  });
});
