import { describe, expect, it } from 'vitest';
import { sourceHash } from '../../functions/core/incremental/layout.js';
import { claimHash } from '../../functions/core/incremental/uri-claim.js';
import { S3_STATE_KEYS as keys } from '../../functions/adapters/s3-state-layout.js';
import { photoBytes, Site, story, useHarness } from './harness.js';
import { putSiteJson } from './parity-support.js';
import { snapshotSite } from './site-snapshot.js';

const harness = useHarness();

const STORIES = 14;

async function fillSite(site: Site): Promise<Site> {
  await putSiteJson(site, 3);
  await site.putPhoto('media/p.jpg', photoBytes('shared'));
  for (let n = 1; n <= STORIES; n++) await site.putStory(`s${n}`, story(n, { subjects: [n % 2 ? 'Odd' : 'Even'], photo: 'media/p.jpg' }));
  return site;
}

/** Paths (bucket and prefix stripped) the handler wrote, copied or deleted since the proxy's log was cleared. */
function writes(site: Site): string[] {
  const bucket = `/${site.siteBucket}/`;
  return harness.proxy.requests
    .filter(({ method, path }) => (method === 'PUT' || method === 'DELETE') && path.startsWith(bucket))
    .map(({ path }) => decodeURIComponent(path.slice(bucket.length)));
}

// A rebuild can stop part-way: the Lambda's 15 minutes run out on a large archive, or S3 keeps
// failing. It writes the stories' own objects and closed archive pages as it goes and the windows,
// records and clean-up last, so the next rebuild starts over and skips what is already as it would
// write it (docs/deploy.md tells operators to run it again).
describe('a rebuild that stopped part-way', () => {
  it('is finished by the next one, which does not write again what the first wrote, into the site a rebuild in one go makes', async () => {
    // Given: a first deploy of 14 stories; S3 fails every write of story 9's page
    const stopped = await fillSite(await new Site(harness, 'rebuild-stopped', { ITEM_LIMIT: '3' }).create());
    const whole = await fillSite(await new Site(harness, 'rebuild-whole', { ITEM_LIMIT: '3' }).create());
    const page9 = new RegExp(`^/${stopped.siteBucket}/stories/story-9-[0-9a-f]{16}\\.html$`);
    let failing = true;
    harness.proxy.inject({ match: ({ method, path }) => failing && method === 'PUT' && page9.test(path), reply: { status: 500, code: 'InternalError' }, times: 1000 });
    // When: the rebuild stops there
    harness.proxy.requests = [];
    await expect(stopped.command('rebuild')).rejects.toThrow();
    const firstRun = writes(stopped);
    // Then it had written the oldest stories' own objects, and no window yet
    expect(firstRun).toContain(keys.item(sourceHash('stories/s1.json')));
    expect(firstRun.filter((path) => path.startsWith('_wirefeed/windows/'))).toEqual([]);
    // When: it is run again, S3 answering
    failing = false;
    harness.proxy.requests = [];
    expect(await stopped.command('rebuild')).toMatchObject({ published: STORIES, rejected: [] });
    // Then what the first run wrote is not written again (the photo, story 1's item and page among it)…
    const secondRun = writes(stopped);
    const rewritten = secondRun.filter((path) => firstRun.includes(path) && !page9.test(`/${stopped.siteBucket}/${path}`));
    expect(rewritten).toEqual([]);
    expect(secondRun.some((path) => path.startsWith('media/'))).toBe(false);
    // …and the site is, byte for byte, the one a rebuild that never stopped makes
    expect(await whole.command('rebuild')).toMatchObject({ published: STORIES, rejected: [] });
    expect(await snapshotSite(stopped)).toEqual(await snapshotSite(whole));
  });
});

// The state machine writes the records and claims in a map of their own (docs/decisions/005, step 6),
// after the cut checked the content bucket and on the ETags the order step listed before it.
describe('a publish during the state machine run', () => {
  it('lands between the cut and the records map: the records child that would overwrite it stops, and the publish keeps its record and claim', async () => {
    // Given: a site never built, scanned, ordered, rendered, cut and its archive pages written
    const site = await fillSite(await new Site(harness, 'rebuild-records-race', { ITEM_LIMIT: '3' }).create());
    const run = 'run-records';
    const listed = await site.listContent('stories/');
    for (let at = 0; at < listed.length; at += 5) await site.step({ wirefeed: 'rebuild-scan', run, keys: listed.slice(at, at + 5) });
    const order = await site.step({ wirefeed: 'rebuild-order', run, partitionStories: 4 });
    const partitions = (order.partitions as Array<{ partition: number }>).map(({ partition }) => partition);
    expect(partitions.length).toBeGreaterThanOrEqual(2);
    for (const partition of partitions) await site.step({ wirefeed: 'rebuild-render', run, partition });
    const cut = await site.step({ wirefeed: 'rebuild-cut', run, partitions: order.partitions as unknown[], pageItems: 4 });
    for (const { batch } of cut.batches as Array<{ batch: number }>) await site.step({ wirefeed: 'rebuild-pages', run, batch });
    // When an editor corrects story 9 and the publisher publishes it
    const key = await site.putStory('s9', story(9, { subjects: ['Odd'], photo: 'media/p.jpg', version: 2, headline: 'Corrected' }));
    expect(await site.publish(key)).toEqual({ batchItemFailures: [] });
    const record = keys.record(sourceHash('stories/s9.json'));
    const claim = keys.claim(claimHash('urn:wirefeed:test:story-9'));
    const published = { record: await site.read(record), claim: await site.read(claim) };
    expect(published.record).toContain('"version":"2"');
    // Then the records child of its partition stops on the first of them it would write, and the others write theirs
    const stopped: string[] = [];
    for (const partition of partitions) await site.step({ wirefeed: 'rebuild-records', run, partition }).catch((error: unknown) => stopped.push(String(error)));
    expect(stopped).toHaveLength(1);
    expect(stopped[0]).toMatch(new RegExp(`RebuildConflictError: a publish changed (${record}|${claim}) while the rebuild ran`));
    // And the finish stops on the changed story
    await expect(site.step({ wirefeed: 'rebuild-finish', run })).rejects.toThrow(/an editor changed stories\/s9\.json/);
    // And the publish's record and claim are as it wrote them
    expect({ record: await site.read(record), claim: await site.read(claim) }).toEqual(published);
  });
});
