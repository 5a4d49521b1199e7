import { describe, expect, it } from 'vitest';
import { Site, useHarness } from './harness.js';
import { buildWithCli, cliFolders, lambdaFeeds, PHOTO, PUBLIC_TEXT_FILE, putSiteJson, wireStory } from './parity-support.js';
import { shuffled } from '../support/shuffled.js';
import { distributedRebuild } from './rebuild-steps.js';

const harness = useHarness();

const BASE = 'https://feeds.example.com';

/** Hours before now at which story `n`'s first version was first published: story 1 the oldest. */
const hoursAgo = (n: number) => 40 - n * 2;

/**
 * Refused new versions that move their story in time: each names a photo that is missing (its media
 * is refused, though it parses) and changes `firstCreated`, story 3 to newer than every other story,
 * story 8 to older than every other. What was published stays published, where it was. Story 3's is
 * version 2 (the rebuild's scan refuses it), story 8's keeps version 1 (its render refuses it).
 */
const REFUSED = new Map([
  ['s3', wireStory(3, 21, { version: 2, photo: 'media/missing.jpg' })],
  ['s8', wireStory(8, 39, { photo: 'media/missing.jpg' })],
]);

/** The CLI's files and the Lambda's, byte for byte. */
function expectSameFiles(lambda: Map<string, string>, cli: Map<string, string>): void {
  expect([...lambda.keys()].sort()).toEqual([...cli.keys()].sort());
  for (const [path, text] of cli) expect(lambda.get(path), path).toBe(text);
}

/** The ten stories' site, their arrivals (first versions shuffled, then the refused updates), and the CLI's build of the same. */
async function keptWire(name: string, refused: ReadonlyMap<string, unknown> = REFUSED): Promise<{ site: Site; arrivals: Array<[string, unknown]>; cli: Map<string, string> }> {
  const site = await new Site(harness, name).create();
  const siteJson = await putSiteJson(site, 3);
  await site.putPhoto('media/p.jpg', PHOTO);
  const first = new Map<string, unknown>();
  for (let n = 1; n <= 10; n++) first.set(`s${n}`, wireStory(n, hoursAgo(n)));
  // The CLI builds the first versions, then the final files with the same cache
  const folders = cliFolders();
  await buildWithCli({ ...siteJson, baseUrl: BASE }, first, new Date(), BASE, PUBLIC_TEXT_FILE, folders);
  const cli = await buildWithCli({ ...siteJson, baseUrl: BASE }, new Map([...first, ...refused]), new Date(), BASE, PUBLIC_TEXT_FILE, folders);
  return { site, arrivals: [...shuffled([...first], 7), ...refused], cli };
}

describe('a refused update that moves its story in time keeps the last good version where it was (issue 21, one behaviour)', () => {
  it('the CLI build, shuffled publishes, a rebuild and the distributed rebuild give the same bytes', async () => {
    // Given: ten stories over two days (archive pages of 3) published in a shuffled order, each of
    // the refused updates after its story's first version
    const { site, arrivals, cli } = await keptWire('parity-kept');
    // (the CLI keeps both stories at their first versions' places: story 3 on the oldest archive page, story 8 in the head)
    expect(cli.get('archive/1/feed.json')).toContain('urn:wirefeed:test:story-3"');
    expect(cli.get('feed.json')).toContain('urn:wirefeed:test:story-8"');
    expect(cli.get('feed.json')).not.toContain('urn:wirefeed:test:story-3"');

    // When: the Lambda publishes each arrival on its own
    for (const [name, document] of arrivals) {
      const key = await site.putStory(name, document);
      expect((await site.publish(key)).batchItemFailures.length, name).toBe(REFUSED.get(name) === document ? 1 : 0);
    }
    // Then: the CLI's files, byte for byte
    expectSameFiles(await lambdaFeeds(site, PUBLIC_TEXT_FILE), cli);

    // When: the site is rebuilt in one invocation, the refused files still refused
    const once = await site.command('rebuild');
    // Then: both last good versions stay, where they were
    expect(once).toMatchObject({ published: 10, rejected: ['stories/s3.json', 'stories/s8.json'] });
    expectSameFiles(await lambdaFeeds(site, PUBLIC_TEXT_FILE), cli);

    // When: it is rebuilt by the state machine's steps
    const finished = await distributedRebuild(site, 'run-kept');
    // Then: the same, and nothing to change
    expect(finished).toMatchObject({ published: 10, rejected: ['stories/s3.json', 'stories/s8.json'], filesChanged: 0 });
    expectSameFiles(await lambdaFeeds(site, PUBLIC_TEXT_FILE), cli);
  }, 180_000);

  it('publishing the arrivals in SQS batches of 3 gives the CLI build too', async () => {
    // Given
    const { site, arrivals, cli } = await keptWire('parity-kept-batches');
    // When: the Lambda publishes them in batches of up to 3, a batch ending before a story saved again
    const batches: Array<Array<[string, unknown]>> = [[]];
    for (const arrival of arrivals) {
      if (batches.at(-1)!.length === 3 || batches.at(-1)!.some(([name]) => name === arrival[0])) batches.push([]);
      batches.at(-1)!.push(arrival);
    }
    expect(batches.some((batch) => batch.filter(([name, document]) => REFUSED.get(name) === document).length === 2)).toBe(true);
    for (const batch of batches) {
      const keys: string[] = [];
      for (const [name, document] of batch) keys.push(await site.putStory(name, document));
      expect((await site.publish(...keys)).batchItemFailures.length).toBe(batch.filter(([name, document]) => REFUSED.get(name) === document).length);
    }
    // Then: the CLI's files, byte for byte
    expectSameFiles(await lambdaFeeds(site, PUBLIC_TEXT_FILE), cli);
  }, 180_000);
});

/**
 * A refused new version that takes another story's uri: story 4's file, as version 2 (newer than
 * story 6's version 1), names story 6's uri and a missing photo. Deduplication keys the file on the
 * version it keeps publishing (story 4's), as the CLI does, so story 6 stays published beside it.
 */
const REFUSED_URI = new Map([['s4', { ...wireStory(4, hoursAgo(4), { version: 2, photo: 'media/missing.jpg' }), uri: 'urn:wirefeed:test:story-6' }]]);

describe('a refused update that takes another story\'s uri changes no uri (issue 21, one behaviour)', () => {
  it('the CLI build, shuffled publishes, a rebuild and the distributed rebuild give the same bytes', async () => {
    // Given: the ten stories, then story 4's refused update naming story 6's uri
    const { site, arrivals, cli } = await keptWire('parity-kept-uri', REFUSED_URI);
    // (the CLI keeps story 4 at its first version and story 6 as it was)
    for (const n of [4, 6]) expect([...cli.values()].some((text) => text.includes(`urn:wirefeed:test:story-${n}"`)), `story ${n}`).toBe(true);

    // When: the Lambda publishes each arrival on its own
    for (const [name, document] of arrivals) {
      const key = await site.putStory(name, document);
      expect((await site.publish(key)).batchItemFailures.length, name).toBe(REFUSED_URI.get(name) === document ? 1 : 0);
    }
    // Then: the CLI's files, byte for byte
    expectSameFiles(await lambdaFeeds(site, PUBLIC_TEXT_FILE), cli);

    // When: the site is rebuilt in one invocation
    expect(await site.command('rebuild')).toMatchObject({ published: 10, rejected: ['stories/s4.json'] });
    // Then: both stories stay
    expectSameFiles(await lambdaFeeds(site, PUBLIC_TEXT_FILE), cli);

    // When: it is rebuilt by the state machine's steps
    const finished = await distributedRebuild(site, 'run-kept-uri');
    // Then: the same, and nothing to change
    expect(finished).toMatchObject({ published: 10, rejected: ['stories/s4.json'], filesChanged: 0 });
    expectSameFiles(await lambdaFeeds(site, PUBLIC_TEXT_FILE), cli);
  }, 180_000);
});

/**
 * A refused new version at its story's own date under another uri, beside a third story of the same
 * millisecond: story 5 is moved to story 6's minute, and story 6's file, as version 2, names a uri
 * that sorts before story 5's and a missing photo. Ties of date go by id, so the last good version
 * (story 6) is older than story 5 and the refused file newer: the rebuild places the kept version
 * by its own date and id, not at the refused file's place, which would come after story 5.
 */
const SAME_INSTANT = new Map<string, unknown>([
  ['s5', wireStory(5, hoursAgo(6))],
  ['s6', { ...wireStory(6, hoursAgo(6), { version: 2, photo: 'media/missing.jpg' }), uri: 'urn:wirefeed:test:story-4x' }],
]);

describe('a refused update under another uri at the instant of a third story (issue 21, one behaviour)', () => {
  it('a rebuild and the distributed rebuild give the CLI build', async () => {
    // Given: the ten stories, story 5 then at story 6's minute, then story 6's refused update
    const { site, arrivals, cli } = await keptWire('parity-kept-instant', SAME_INSTANT);
    for (const [name, document] of arrivals) {
      const key = await site.putStory(name, document);
      expect((await site.publish(key)).batchItemFailures.length, name).toBe(name === 's6' && SAME_INSTANT.get(name) === document ? 1 : 0);
    }
    expectSameFiles(await lambdaFeeds(site, PUBLIC_TEXT_FILE), cli);
    // When: the site is rebuilt in one invocation, then by the state machine's steps
    expect(await site.command('rebuild')).toMatchObject({ published: 10, rejected: ['stories/s6.json'] });
    // Then: the CLI's files, byte for byte
    expectSameFiles(await lambdaFeeds(site, PUBLIC_TEXT_FILE), cli);
    expect(await distributedRebuild(site, 'run-kept-instant')).toMatchObject({ published: 10, rejected: ['stories/s6.json'], filesChanged: 0 });
    expectSameFiles(await lambdaFeeds(site, PUBLIC_TEXT_FILE), cli);
  }, 180_000);
});
