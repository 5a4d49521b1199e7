import { describe, expect, it } from 'vitest';
// The benchmark's generator holds the project's seeded PRNG (mulberry32).
// @ts-expect-error plain ESM helper without types
import { seededRandom } from '../../bench/generate-stories.mjs';
import { Site, useHarness } from './harness.js';
import { buildWithCli, cliFolders, lambdaFeeds, PHOTO, PUBLIC_TEXT_FILE, putSiteJson, wireStory } from './parity-support.js';
import { shuffled } from '../support/shuffled.js';

const harness = useHarness();

const BASE = 'https://feeds.example.com';

/** One arrival at the Lambda: a story file saved with this document. */
interface Arrival {
  name: string;
  document: unknown;
}


/** A version-2 save of story `n` that does not parse: the publisher refuses it and keeps version 1. */
function unparsable(n: number, hoursAgo: number): string {
  const text = JSON.stringify(wireStory(n, hoursAgo, { version: 2 }), null, 2).replace('"version": "2",', '"version": "2",,');
  if (!text.includes('"2",,')) throw new Error('the typo did not land');
  return text;
}

/** The shuffled arrivals of the parity wire, the site set up for them, and the CLI's build of the same stories. */
async function shuffledWire(name: string): Promise<{ site: Site; arrivals: Arrival[]; cli: Map<string, string> }> {
  // Fourteen stories over the last two days (archive pages of 3), first versions in a seeded
  // shuffled order; then a correction of story 5, a kill of story 13 (among MSN's newest three, so
  // both sides carried it) and a refused version 2 of story 7, each after its story's first
  // version; and last, a story dated before every other, arriving after all of them.
  const site = await new Site(harness, name).create();
  const siteJson = await putSiteJson(site, 3);
  await site.putPhoto('media/p.jpg', PHOTO);
  const hoursAgo = (n: number) => 40 - n * 2;
  const first = new Map<string, unknown>();
  // Story 11, the newest odd one left, spells its subject in lower case: one section, named by its newest story.
  for (let n = 1; n <= 14; n++) first.set(`s${n}`, wireStory(n, hoursAgo(n), { short: n === 4 || n === 9, ...(n === 11 && { subjects: ['odd'] }) }));
  first.set('late', wireStory(100, 46));
  const arrivals: Arrival[] = shuffled([...first].filter(([name]) => name !== 'late'), 21).map(([name, document]) => ({ name, document }));
  const followUps: Arrival[] = [
    { name: 's5', document: wireStory(5, hoursAgo(5), { version: 2, headline: 'Story number 5 of the parity wire, corrected' }) },
    { name: 's13', document: wireStory(13, hoursAgo(13), { version: 2, pubStatus: 'canceled' }) },
    { name: 's7', document: unparsable(7, hoursAgo(7)) },
  ];
  const random: () => number = seededRandom(5005);
  for (const followUp of followUps) {
    const after = arrivals.findIndex((arrival) => arrival.name === followUp.name);
    arrivals.splice(after + 1 + Math.floor(random() * (arrivals.length - after)), 0, followUp);
  }
  arrivals.push({ name: 'late', document: first.get('late') });
  // (the order really is out of order: some story arrives after a newer one)
  const published = (arrival: Arrival) => Date.parse((first.get(arrival.name) as { firstCreated: string }).firstCreated);
  expect(arrivals.some((arrival, i) => i > 0 && published(arrival) < published(arrivals[i - 1]!))).toBe(true);

  // The CLI builds the first versions, then the final files with the same cache
  const final = new Map(first);
  for (const { name, document } of followUps) final.set(name, document);
  const folders = cliFolders();
  await buildWithCli({ ...siteJson, baseUrl: BASE }, first, new Date(), BASE, PUBLIC_TEXT_FILE, folders);
  const cli = await buildWithCli({ ...siteJson, baseUrl: BASE }, final, new Date(), BASE, PUBLIC_TEXT_FILE, folders);
  return { site, arrivals, cli };
}

/**
 * The arrivals cut into SQS batches of up to `size` records, in order; a batch ends early before a
 * story saved again, since a file read once in a batch publishes its last save only.
 */
function inBatches(arrivals: Arrival[], size: number): Arrival[][] {
  const batches: Arrival[][] = [];
  let batch: Arrival[] = [];
  for (const arrival of arrivals) {
    if (batch.length === size || batch.some((other) => other.name === arrival.name)) {
      batches.push(batch);
      batch = [];
    }
    batch.push(arrival);
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** Saves each batch's stories, then hands the batch to the Lambda; each refused (unparsable) save fails its own record only. */
async function publishInBatches(site: Site, arrivals: Arrival[], size: number): Promise<void> {
  for (const batch of inBatches(arrivals, size)) {
    const keys: string[] = [];
    for (const { name, document } of batch) keys.push(await site.putStory(name, document));
    const { batchItemFailures } = await site.publish(...keys);
    const failed = batchItemFailures.map(({ itemIdentifier }) => itemIdentifier);
    expect(failed, batch.map((arrival) => arrival.name).join(' ')).toEqual(batch.flatMap((arrival, i) => (typeof arrival.document === 'string' ? [`m-${i}-${keys[i]}`] : [])));
  }
}

/** The CLI's files and the Lambda's, byte for byte. */
function expectSameFiles(lambda: Map<string, string>, cli: Map<string, string>): void {
  expect([...lambda.keys()].sort()).toEqual([...cli.keys()].sort());
  for (const [path, text] of cli) expect(lambda.get(path), path).toBe(text);
}

describe('every output is a function of the set of stories, not of their arrival order (issue 21)', () => {
  it('publishing one by one in a shuffled order gives the CLI build and the rebuild, byte for byte, archives included', async () => {
    // Given: the shuffled wire (see shuffledWire)
    const { site, arrivals, cli } = await shuffledWire('parity-shuffled');
    // When: the Lambda publishes each arrival on its own
    await publishInBatches(site, arrivals, 1);
    const lambda = await lambdaFeeds(site, PUBLIC_TEXT_FILE);

    // Then: the same files, byte for byte: archive pages, section archives, partner feeds (with the
    // kill), the sitemap, pages
    expect([...cli.keys()]).toEqual(expect.arrayContaining(['archive/4/rss.xml', 'sections/odd/archive/2/feed.json', 'partners/msn/rss.xml', 'news-sitemap.xml', 'index.html']));
    expectSameFiles(lambda, cli);
    expect(cli.get('partners/msn/rss.xml')).toMatch(/urn:wirefeed:test:story-13<\/guid>[\s\S]*?<dcterms:valid>/);
    expect(cli.get('archive/1/feed.json')).toContain('urn:wirefeed:test:story-100');
    expect(cli.get('sections/odd/archive/2/feed.json')).toContain('Story number 7 of the parity wire');
    expect(cli.get('sections/odd/archive/1/feed.json')).toContain('"title":"Parity wire: odd (archive 1)"');

    // When: the site is rebuilt from its content
    await site.command('rebuild');
    // Then: nothing changes
    expectSameFiles(await lambdaFeeds(site, PUBLIC_TEXT_FILE), cli);
  }, 180_000);

  it.each([3, 10])('publishing the shuffled arrivals in SQS batches of %i gives the CLI build, byte for byte (issue 23)', async (size) => {
    // Given: the shuffled wire
    const { site, arrivals, cli } = await shuffledWire(`parity-batches-${size}`);
    // When: the Lambda publishes it in batches, each feed once per batch
    await publishInBatches(site, arrivals, size);
    // Then: the same files as the CLI's, byte for byte
    expectSameFiles(await lambdaFeeds(site, PUBLIC_TEXT_FILE), cli);
  }, 180_000);

  it('a correction deep in the archive touches its own page only; a late story the pages from its own to the newest', async () => {
    // Given: twelve stories published in date order: four closed pages of 3 in the main feed
    const site = await new Site(harness, 'archive-cost').create();
    await putSiteJson(site, 3);
    await site.putPhoto('media/p.jpg', PHOTO);
    const keys: string[] = [];
    for (let n = 1; n <= 12; n++) keys.push(await site.putStory(`s${n}`, wireStory(n, 40 - n * 2)));
    for (const key of keys) expect((await site.publish(key)).batchItemFailures).toEqual([]);
    const mainPages = () => harness.proxy.requests.filter((request) => request.path.includes('/_wirefeed/archives/main/')).map((request) => `${request.method} ${request.path.slice(request.path.lastIndexOf('/') + 1)}`);
    // When: story 2 (main page 1) is corrected
    harness.proxy.requests = [];
    await site.putStory('s2', wireStory(2, 36, { version: 2, headline: 'Story number 2 of the parity wire, corrected' }));
    expect((await site.publish(keys[1]!)).batchItemFailures).toEqual([]);
    // Then: page 1's state is read and written, no other page's
    expect(new Set(mainPages())).toEqual(new Set(['GET 1.json', 'PUT 1.json']));
    // When: a story dated between stories 7 and 8 (main page 3) arrives
    harness.proxy.requests = [];
    expect((await site.publish(await site.putStory('s7b', wireStory(107, 40 - 7 * 2 - 1)))).batchItemFailures).toEqual([]);
    // Then: pages 3 and 4 are cut again (story 12 moves to the filling page); pages 1 and 2 are not touched
    expect(new Set(mainPages())).toEqual(new Set(['GET 3.json', 'GET 4.json', 'PUT 3.json', 'PUT 4.json']));
    expect(await site.feedIds()).toContain('urn:wirefeed:test:story-12');
  });
});
