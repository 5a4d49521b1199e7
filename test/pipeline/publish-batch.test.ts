import { describe, expect, it } from 'vitest';
import { Site, story, useHarness } from './harness.js';
import { snapshotSite, withoutEmptyWindows } from './site-snapshot.js';
import { PHOTO, putSiteJson, wireStory } from './parity-support.js';

const harness = useHarness();

/**
 * Stories 1–20 of the parity wire, dated once: `wireStory` dates a story hours before the wall
 * clock, so two sites given stories made at different moments would differ when a minute turns.
 */
const WIRE = new Map(Array.from({ length: 20 }, (_, i) => [i + 1, wireStory(i + 1, 39 - i)]));

/** A site with the parity wire's partners and ten stories published, one per invocation. */
async function publishedSite(name: string): Promise<Site> {
  const site = await new Site(harness, name).create();
  await putSiteJson(site, 10);
  await site.putPhoto('media/p.jpg', PHOTO);
  for (let n = 1; n <= 10; n++) expect((await site.publish(await site.putStory(`s${n}`, WIRE.get(n)))).batchItemFailures).toEqual([]);
  return site;
}

/** A story's own objects: its file and record, its uri claim, item, photo set member and markers, order markers, page and photos. */
const OWN = /^\/[^/]+\/(stories\/|media\/|_wirefeed\/(stories|claims|items|photo-users|photo-sets|order)\/)/;

/** The photo's source in the content and its copy on the site (not its user markers, which are state). */
const PHOTO_FILES = /^\/[^/]+\/media\//;

/** Saves ten new stories; the S3 requests the publisher makes for them, per story, when `publish` hands them over. */
async function requestsPerStory(site: Site, publish: (keys: string[]) => Promise<void>): Promise<{ all: number; feeds: number; photo: number }> {
  const keys: string[] = [];
  for (let n = 11; n <= 20; n++) keys.push(await site.putStory(`s${n}`, WIRE.get(n)));
  harness.proxy.requests = [];
  await publish(keys);
  const { requests } = harness.proxy;
  return {
    all: requests.length / keys.length,
    feeds: requests.filter(({ path }) => !OWN.test(path)).length / keys.length,
    // The shared photo itself: its source looked up, its published copy checked.
    photo: requests.filter(({ path }) => PHOTO_FILES.test(path)).length,
  };
}

describe('a burst coalesces: an SQS batch writes each feed once (issue 23)', () => {
  it('ten new stories in one batch read and write each feed once and check their shared photo once: 16 S3 requests a story, against 43 one per invocation', async () => {
    // Given: two sites with the same ten stories published (three feeds, three partner feeds, the sitemap)
    const [batched, single] = await Promise.all([publishedSite('batch-of-ten'), publishedSite('one-by-one')]);
    // When: ten new stories reach one site in one batch, the other one per invocation
    const batch = await requestsPerStory(batched, async (keys) => expect((await batched.publish(...keys)).batchItemFailures).toEqual([]));
    const oneByOne = await requestsPerStory(single, async (keys) => {
      for (const key of keys) expect((await single.publish(key)).batchItemFailures).toEqual([]);
    });
    // Then: the feeds cost the batch what about one story's publish costs them (~59 requests:
    // windows, partner shortlists, sitemap, registry, 9 + 9 + 9 feed files, an archive page closing),
    // not ten times that; a story's own objects (~10 requests) are its own either way, except the
    // photo they all show: looked up and checked once for the batch, not once a story
    expect(batch.feeds).toBeLessThanOrEqual(6.5);
    expect(oneByOne.feeds).toBeGreaterThan(4 * batch.feeds);
    expect(batch.photo).toBe(2);
    expect(oneByOne.photo).toBe(2 * 10);
    expect(batch.all).toBeLessThanOrEqual(16.5);
    // …and both sites show the same feeds
    for (const path of ['rss.xml', 'sections/odd/feed.json', 'sections/even/atom.xml', 'archive/1/rss.xml', 'partners/msn/rss.xml', 'partners/flip-odd/rss.xml', 'news-sitemap.xml', 'index.html']) {
      expect(await batched.read(path), path).toBe(await single.read(path));
    }
  }, 120_000);

  it('two files of one uri in a batch, among other stories, end as they do published one by one', async () => {
    // Given: two sites; a.json (version 3) and b.json (version 2) carry one uri, c.json another; a bad d.json
    const [batched, single] = await Promise.all([new Site(harness, 'batch-one-uri').create(), new Site(harness, 'single-one-uri').create()]);
    for (const site of [batched, single]) {
      await site.putStory('b', story(1, { version: 2, headline: 'Version 2', subjects: ['Sport'] }));
      await site.putStory('a', story(1, { version: 3, headline: 'Version 3', subjects: ['Politics'] }));
      await site.putStory('c', story(2, { subjects: ['Sport'] }));
      await site.putStory('d', '{"uri": ');
    }
    const keys = ['stories/b.json', 'stories/c.json', 'stories/a.json', 'stories/d.json'];
    // When: one site gets them in one batch, the other one per invocation
    const { batchItemFailures } = await batched.publish(...keys);
    for (const key of keys) await single.publish(key);
    // Then: only the bad file's record fails, and the site and its state are the same
    expect(batchItemFailures).toEqual([{ itemIdentifier: `m-3-${keys[3]}` }]);
    expect(await batched.feedIds()).toEqual(['urn:wirefeed:test:story-2', 'urn:wirefeed:test:story-1']);
    expect(await batched.read('feed.json')).toContain('Version 3');
    expect(withoutEmptyWindows(await snapshotSite(batched))).toEqual(withoutEmptyWindows(await snapshotSite(single)));
  });
});

describe('a batch plans each feed archive once: a page its stories touch is written once', () => {
  /** PUTs of the main feed's archive page `n`, its files and its state, by path. */
  const pagePuts = (n: number) => {
    const page = new RegExp(`^/[^/]+/(archive/${n}/[^/]+|_wirefeed/archives/main/${n}\\.json)$`);
    const puts = new Map<string, number>();
    for (const { method, path } of harness.proxy.requests) if (method === 'PUT' && page.test(path)) puts.set(path, (puts.get(path) ?? 0) + 1);
    return puts;
  };

  it('new stories closing two pages, then late stories moving every page, write each page once, and as one by one', async () => {
    // Given: two sites with pages of three, two stories published on each (the same files: a story's dates are set when it is made)
    const stories = new Map([1, 2, 3, 5, 7, 9, 11, 13, 15].map((n) => [n, wireStory(n, 40 - n)]));
    const [batched, single] = await Promise.all([new Site(harness, 'batch-archive').create(), new Site(harness, 'single-archive').create()]);
    for (const site of [batched, single]) {
      await putSiteJson(site, 3);
      await site.putPhoto('media/p.jpg', PHOTO);
      for (const n of [3, 5]) expect((await site.publish(await site.putStory(`s${n}`, stories.get(n)!))).batchItemFailures).toEqual([]);
    }
    const save = (site: Site, numbers: number[]) => Promise.all(numbers.map((n) => site.putStory(`s${n}`, stories.get(n)!)));
    const batch = async (numbers: number[]) => {
      const keys = await save(batched, numbers);
      harness.proxy.requests = [];
      expect((await batched.publish(...keys)).batchItemFailures).toEqual([]);
      return [pagePuts(1), pagePuts(2)];
    };
    const oneByOne = async (numbers: number[]) => {
      const keys = await save(single, numbers);
      harness.proxy.requests = [];
      for (const key of keys) expect((await single.publish(key)).batchItemFailures).toEqual([]);
      return [pagePuts(1), pagePuts(2)];
    };
    // When: five newer stories come in one batch (pages 1 and 2 close), then two older than all
    const closing = await batch([7, 9, 11, 13, 15]);
    const late = await batch([2, 1]);
    const [closingOneByOne, lateOneByOne] = [await oneByOne([7, 9, 11, 13, 15]), await oneByOne([2, 1])];
    // Then: each file and the state of pages 1 and 2 are put once per batch (one by one: twice or more)
    for (const puts of [...closing, ...late]) {
      expect(puts.size).toBe(5);
      expect([...puts.values()]).toEqual([1, 1, 1, 1, 1]);
    }
    expect(Math.max(...closingOneByOne[0]!.values(), ...lateOneByOne[0]!.values())).toBeGreaterThan(1);
    // …and both sites show the same archive
    for (const path of ['rss.xml', 'archive/1/rss.xml', 'archive/2/atom.xml', 'archive/3/feed.json', 'sections/odd/archive/1/rss.xml']) expect(await batched.read(path), path).toBe(await single.read(path));
  }, 120_000);
});
