/**
 * The rebuild as the state machine runs it (infra/rebuild-machine.ts), step by step through the
 * real handler: the scan of the listing in partitions, then the finishing step. It must write the
 * same bucket as the one-invocation rebuild, and stop when a story changed after its partition was read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { REBUILD_RUNS_ROOT } from '../../functions/use-cases/rebuild/rebuild-runs.js';
import { startHarness, Site, type Harness } from './harness.js';
import { PHOTO, putSiteJson, wireStory } from './parity-support.js';
import { snapshotSite } from './site-snapshot.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

/** A site with archive pages, sections, partner feeds, a refused file, a newer version under another name and a stray object under stories/. */
async function wireSite(name: string): Promise<Site> {
  const site = await new Site(harness, name, { ITEM_LIMIT: '3' }).create();
  await putSiteJson(site, 3);
  await site.putPhoto('media/p.jpg', PHOTO);
  for (let n = 1; n <= 17; n++) await site.putStory(`s${String(n).padStart(2, '0')}`, wireStory(n, 40 - n));
  await site.putStory('s18-dup', wireStory(5, 30, { version: 2 }));
  await site.putStory('s19-broken', '{"uri": ');
  await harness.client.send(new PutObjectCommand({ Bucket: site.contentBucket, Key: 'stories/notes.txt', Body: 'not a story' }));
  return site;
}

/** Every key under stories/ as the map's S3 listing gives it, cut into batches of `size`. */
async function listingBatches(site: Site, size: number): Promise<string[][]> {
  const keys = await site.listContent('stories/');
  const batches: string[][] = [];
  for (let at = 0; at < keys.length; at += size) batches.push(keys.slice(at, at + size));
  return batches;
}

async function distributedRebuild(site: Site, run: string, batches: string[][]): Promise<Record<string, unknown>> {
  // Batches in reverse: the children of a map finish in any order.
  for (const keys of [...batches].reverse()) await site.step({ wirefeed: 'rebuild-scan', run, keys });
  return site.step({ wirefeed: 'rebuild-finish', run });
}

describe('distributed rebuild, step by step', () => {
  it('writes the same bucket as the one-invocation rebuild, and removes its scratch objects', async () => {
    // Given: the same content in two sites
    const whole = await wireSite('dist-whole');
    const parted = await wireSite('dist-parted');
    // When one is rebuilt in one invocation, the other scanned in 5 partitions and then finished
    const once = await whole.command('rebuild');
    const batches = await listingBatches(parted, 4);
    expect(batches.length).toBe(5);
    const finished = await distributedRebuild(parted, 'run-1', batches);
    // Then both report the same, and every object of both buckets is the same
    expect(finished).toEqual(once);
    expect(once).toMatchObject({ published: 17, rejected: ['stories/s19-broken.json'] });
    const snapshot = await snapshotSite(parted);
    expect(Object.keys(snapshot).filter((key) => key.startsWith(REBUILD_RUNS_ROOT))).toEqual([]);
    expect(snapshot).toEqual(await snapshotSite(whole));
  });

  it('stops without touching the feeds when a story was changed or added after its partition was read', async () => {
    // Given: a site rebuilt once, then scanned for a second run
    const site = await wireSite('dist-race');
    await site.command('rebuild');
    const before = await snapshotSite(site);
    const batches = await listingBatches(site, 6);
    for (const keys of batches) await site.step({ wirefeed: 'rebuild-scan', run: 'run-2', keys });
    // When an editor corrects a story before the finishing step
    await site.putStory('s03', wireStory(3, 37, { version: 2, headline: 'Corrected' }));
    // Then the finishing step stops, naming it, and writes none of the site
    await expect(site.step({ wirefeed: 'rebuild-finish', run: 'run-2' })).rejects.toThrow(/an editor changed stories\/s03\.json while the rebuild ran/);
    const after = await snapshotSite(site);
    expect(Object.fromEntries(Object.entries(after).filter(([key]) => !key.startsWith(REBUILD_RUNS_ROOT)))).toEqual(before);
    // When a new story is uploaded after a fresh scan
    for (const keys of await listingBatches(site, 6)) await site.step({ wirefeed: 'rebuild-scan', run: 'run-3', keys });
    await site.putStory('s20', wireStory(20, 1));
    // Then the finishing step stops too: the publish of that story is not overwritten
    await expect(site.step({ wirefeed: 'rebuild-finish', run: 'run-3' })).rejects.toThrow(/an editor added stories\/s20\.json/);
  });
});
