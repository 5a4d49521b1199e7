/**
 * The rebuild as the state machine runs it (infra/rebuild-machine.ts), step by step through the
 * real handler: the scan of the listing in partitions, then the finishing step. It must write the
 * same bucket as the one-invocation rebuild, and stop when a story changed after its partition was read.
 */
import { describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { S3_STATE_KEYS } from '../../functions/adapters/s3-state-layout.js';
import { Site, useHarness } from './harness.js';
import { PHOTO, putSiteJson, wireStory } from './parity-support.js';
import { snapshotSite } from './site-snapshot.js';
import { finishAndSweep } from './rebuild-steps.js';

const harness = useHarness();

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

async function distributedRebuild(site: Site, run: string, batches: string[][]): Promise<{ order: Record<string, unknown>; cut: Record<string, unknown>; finished: Record<string, unknown> }> {
  // Batches in reverse: the children of a map finish in any order.
  for (const keys of [...batches].reverse()) await site.step({ wirefeed: 'rebuild-scan', run, keys });
  // Partitions of 4 stories: the finish takes the ordered archive in several parts.
  const order = await site.step({ wirefeed: 'rebuild-order', run, partitionStories: 4 });
  // Partitions rendered in reverse: the children of a map finish in any order.
  for (const { partition } of [...(order.partitions as Array<{ partition: number }>)].reverse()) {
    harness.proxy.requests = [];
    await site.step({ wirefeed: 'rebuild-render', run, partition });
    // A child asks for no ETag of an object its stories own (the order step listed their items,
    // photo users and pages; the child lists its order markers by time): only for a photo's file,
    // once however many of its stories show it, and not again to copy it.
    const heads = harness.proxy.requests.filter((request) => request.method === 'HEAD').map((request) => request.path);
    expect(heads).toHaveLength(1);
    expect(heads[0]).toMatch(new RegExp(`^/${site.siteBucket}/media/[0-9a-f]{16}/p\\.jpg$`));
    // Its listings: the partners' carried markers, then its order markers, one range a feed (main and two sections)
    expect(harness.proxy.requests.filter((request) => request.method === 'GET' && request.path === `/${site.siteBucket}/`).length).toBeLessThanOrEqual(4);
  }
  const cut = await cutAndWrite(site, run, order);
  return { order, cut, finished: await finishAndSweep(site, run) };
}

/** The cut step over the rendered partitions in page batches of 4 items, then each batch's archive pages, then each partition's records, in reverse. */
async function cutAndWrite(site: Site, run: string, order: Record<string, unknown>): Promise<Record<string, unknown>> {
  const cut = await site.step({ wirefeed: 'rebuild-cut', run, partitions: order.partitions as unknown[], pageItems: 4 });
  for (const { batch } of [...(cut.batches as Array<{ batch: number }>)].reverse()) await site.step({ wirefeed: 'rebuild-pages', run, batch });
  for (const { partition } of [...(order.partitions as Array<{ partition: number }>)].reverse()) await site.step({ wirefeed: 'rebuild-records', run, partition });
  return cut;
}

const isPageInputs = (key: string) => key.startsWith('_wirefeed/archive-inputs/');

/** A snapshot without the records of archive pages' inputs, which only the state machine keeps. */
function withoutPageInputs(snapshot: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(snapshot).filter(([key]) => !isPageInputs(key)));
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
    const { order, cut, finished } = await distributedRebuild(parted, 'run-1', batches);
    // And the cut step handed the archive pages to several children
    expect((cut.batches as unknown[]).length).toBeGreaterThan(2);
    // Then the order step cut the 17 stories it publishes into partitions of 4, oldest first
    expect(order).toEqual({ stories: 17, rejected: 1, imported: 0, partitions: [4, 4, 4, 4, 1].map((stories, partition) => ({ partition, stories })) });
    // And both report the same, and every object of both buckets is the same
    expect(finished).toEqual(once);
    expect(once).toMatchObject({ published: 17, rejected: ['stories/s19-broken.json'] });
    const snapshot = await snapshotSite(parted);
    expect(Object.keys(snapshot).filter((key) => key.startsWith(S3_STATE_KEYS.rebuildRuns))).toEqual([]);
    // Besides what the machine recorded of each archive page's inputs, for its next run (page-inputs.ts)
    expect(Object.keys(snapshot).filter(isPageInputs)).toContain(S3_STATE_KEYS.archiveInputs('', 1));
    expect(withoutPageInputs(snapshot)).toEqual(await snapshotSite(whole));
    // When it is rebuilt again with nothing changed (the nightly rebuild)
    const again = await distributedRebuild(parted, 'run-1b', await listingBatches(parted, 4));
    // Then no render or records child nor the finish wrote anything: each object's ETag was asked for first
    expect(again.finished).toMatchObject({ published: 17, filesChanged: 0, stateWritten: 0, deleted: 0 });
    expect(await snapshotSite(parted)).toEqual(snapshot);
  });

  it('stops without touching the feeds when a story was changed or added after its partition was read', async () => {
    // Given: a site rebuilt once, then scanned for a second run
    const site = await wireSite('dist-race');
    await site.command('rebuild');
    const before = await snapshotSite(site);
    const batches = await listingBatches(site, 6);
    for (const keys of batches) await site.step({ wirefeed: 'rebuild-scan', run: 'run-2', keys });
    const order = await site.step({ wirefeed: 'rebuild-order', run: 'run-2', partitionStories: 4 });
    for (const { partition } of order.partitions as Array<{ partition: number }>) await site.step({ wirefeed: 'rebuild-render', run: 'run-2', partition });
    await cutAndWrite(site, 'run-2', order);
    // When an editor corrects a story before the finishing step
    await site.putStory('s03', wireStory(3, 37, { version: 2, headline: 'Corrected' }));
    // Then the finishing step stops, naming it, and writes none of the site
    await expect(site.step({ wirefeed: 'rebuild-finish', run: 'run-2' })).rejects.toThrow(/an editor changed stories\/s03\.json while the rebuild ran/);
    const after = await snapshotSite(site);
    // (its archive-page children recorded the inputs of the pages they found as they are)
    expect(Object.fromEntries(Object.entries(withoutPageInputs(after)).filter(([key]) => !key.startsWith(S3_STATE_KEYS.rebuildRuns)))).toEqual(before);
    // When a new story is uploaded after a fresh scan
    for (const keys of await listingBatches(site, 6)) await site.step({ wirefeed: 'rebuild-scan', run: 'run-3', keys });
    await site.step({ wirefeed: 'rebuild-order', run: 'run-3', partitionStories: 4 });
    await site.putStory('s20', wireStory(20, 1));
    // Then the finishing step stops too: the publish of that story is not overwritten
    await expect(site.step({ wirefeed: 'rebuild-finish', run: 'run-3' })).rejects.toThrow(/an editor added stories\/s20\.json/);
  });

  it('stops an archive-page child whose item a publish rewrote after the cut', async () => {
    // Given: a site rebuilt once, then scanned, ordered, rendered and cut again
    const site = await wireSite('dist-pages');
    await site.command('rebuild');
    const run = 'run-pages';
    for (const keys of await listingBatches(site, 6)) await site.step({ wirefeed: 'rebuild-scan', run, keys });
    const order = await site.step({ wirefeed: 'rebuild-order', run, partitionStories: 4 });
    for (const { partition } of order.partitions as Array<{ partition: number }>) await site.step({ wirefeed: 'rebuild-render', run, partition });
    const cut = await site.step({ wirefeed: 'rebuild-cut', run, partitions: order.partitions as unknown[], pageItems: 4 });
    // When a publish rewrites the item of a story on the oldest page
    const [item, body] = Object.entries(await snapshotSite(site)).find(([key, text]) => key.startsWith('_wirefeed/items/') && text.includes('urn:'))!;
    await harness.client.send(new PutObjectCommand({ Bucket: site.siteBucket, Key: item, Body: `${body}\n` }));
    // Then each child whose batch holds it (a page of each feed it is in) stops, naming it, and the others write theirs
    const refused: string[] = [];
    for (const { batch } of cut.batches as Array<{ batch: number }>) await site.step({ wirefeed: 'rebuild-pages', run, batch }).catch((error: unknown) => refused.push(String(error)));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThan((cut.batches as unknown[]).length);
    for (const error of refused) expect(error).toMatch(new RegExp(`a publish changed ${item} while the rebuild ran`));
  });

  it('has a render child keep a publish made after the order step listed the site, and a retried child finish', async () => {
    // Given: a site never built, scanned and ordered, and one partition rendered
    const site = await wireSite('dist-child');
    const run = 'run-child';
    for (const keys of await listingBatches(site, 6)) await site.step({ wirefeed: 'rebuild-scan', run, keys });
    await site.step({ wirefeed: 'rebuild-order', run, partitionStories: 4 });
    const empty = await snapshotSite(site);
    // The site without the run's scratch objects (a child's stored answer lists paths in the order its stories finished)
    const published = async () => Object.fromEntries(Object.entries(await snapshotSite(site)).filter(([key]) => !key.startsWith(S3_STATE_KEYS.rebuildRuns)));
    await site.step({ wirefeed: 'rebuild-render', run, partition: 3 });
    const rendered = await published();
    // When the child runs again (Step Functions retries it): its ETags, listed by the order step, say its objects are absent
    await site.step({ wirefeed: 'rebuild-render', run, partition: 3 });
    // Then it finds what it wrote and finishes, changing nothing
    expect(await published()).toEqual(rendered);
    // When a publish rewrites one of its stories' items, and the child runs again
    const [item, body] = Object.entries(rendered).find(([key]) => key.startsWith('_wirefeed/items/') && !(key in empty))!;
    await harness.client.send(new PutObjectCommand({ Bucket: site.siteBucket, Key: item, Body: `${body}\n` }));
    // Then it stops, naming the item, and the publish's item stays
    await expect(site.step({ wirefeed: 'rebuild-render', run, partition: 3 })).rejects.toThrow(new RegExp(`a publish changed ${item} while the rebuild ran`));
    expect((await snapshotSite(site))[item]).toBe(`${body}\n`);
  });

  it('stops when the state of a kept version changed after the order step looked it up', async () => {
    // Given: a rebuilt site whose story s07 is then saved broken, so a rebuild keeps its last good version
    const site = await wireSite('dist-kept');
    await site.command('rebuild');
    await site.putStory('s07', '{"uri": ');
    const run = 'run-kept';
    for (const keys of await listingBatches(site, 6)) await site.step({ wirefeed: 'rebuild-scan', run, keys });
    const order = await site.step({ wirefeed: 'rebuild-order', run, partitionStories: 4 });
    for (const { partition } of order.partitions as Array<{ partition: number }>) await site.step({ wirefeed: 'rebuild-render', run, partition });
    await cutAndWrite(site, run, order);
    // When its record is written again after the order step read it (as a publish would)
    const [record, body] = Object.entries(await snapshotSite(site)).find(([key, text]) => key.startsWith('_wirefeed/stories/') && text.includes('"key":"stories/s07.json"'))!;
    await harness.client.send(new PutObjectCommand({ Bucket: site.siteBucket, Key: record, Body: `${body}\n` }));
    const before = await snapshotSite(site);
    // Then the finishing step stops, naming it, and writes none of the site
    await expect(site.step({ wirefeed: 'rebuild-finish', run })).rejects.toThrow(new RegExp(`a publish changed ${record} while the rebuild ran`));
    const after = await snapshotSite(site);
    expect(after).toEqual(before);
  });

  it('sweeps, after the heads, what no step produced and nothing written since the run started', { timeout: 300_000 }, async () => {
    // Given: two sites of the same content, one rebuilt by the machine's steps, then a story withdrawn
    // from its content without a publish, and stale state beside it (a carried marker of a uri long
    // gone, an order marker at a date no story has)
    const site = await wireSite('dist-sweep');
    const whole = await wireSite('dist-sweep-whole');
    await distributedRebuild(site, 'run-1', await listingBatches(site, 4));
    await site.deleteStory('s02');
    await whole.deleteStory('s02');
    const strays = [S3_STATE_KEYS.carried({ name: 'msn' }, 'f'.repeat(32)), S3_STATE_KEYS.order('', '2001-01-01T00:00:00.000Z', 'e'.repeat(32))];
    for (const key of strays) await site.putSiteFile(key, '');
    // A second on: the sweep takes only what was written before the run's start, to the second
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const now = new Date().toISOString();
    const run = 'run-2';
    for (const keys of await listingBatches(site, 4)) await site.step({ wirefeed: 'rebuild-scan', run, keys });
    const order = await site.step({ wirefeed: 'rebuild-order', run, partitionStories: 4 });
    for (const { partition } of order.partitions as Array<{ partition: number }>) await site.step({ wirefeed: 'rebuild-render', run, partition });
    await cutAndWrite(site, run, order);
    // When the heads are written, then a publish writes a story's page and record, then the sweep runs
    const { shards, summary } = (await site.step({ wirefeed: 'rebuild-finish', run, now })) as unknown as { shards: Array<{ shard: number }>; summary: Record<string, unknown> };
    const published = ['stories/late-0123456789abcdef.html', S3_STATE_KEYS.record('d'.repeat(32))];
    for (const key of published) await site.putSiteFile(key, 'published during the sweep');
    const feed = await site.read('rss.xml');
    const swept = [];
    for (const { shard } of shards) swept.push(await site.step({ wirefeed: 'rebuild-sweep', run, shard, now }));
    const done = await site.step({ wirefeed: 'rebuild-close', run, summary: summary as never, swept: swept as never });
    // Then the withdrawn story's files and the stray state are gone, and the site is the one-invocation rebuild's
    await whole.command('rebuild');
    const snapshot = withoutPageInputs(await snapshotSite(site));
    for (const key of published) expect(snapshot[key]).toBe('published during the sweep');
    for (const key of published) delete snapshot[key];
    expect(snapshot).toEqual(await snapshotSite(whole));
    expect(strays.filter((key) => key in snapshot)).toEqual([]);
    // And the heads were not written again by the sweep, which deleted in several shards; the run's scratch is gone
    expect(await site.read('rss.xml')).toBe(feed);
    expect(swept.filter((shard) => (shard.deleted as number) > 0).length).toBeGreaterThan(1);
    expect(done).toMatchObject({ published: 16, deleted: swept.reduce((sum, shard) => sum + (shard.deleted as number), 0) });
    expect(done.deleted).toBeGreaterThan(strays.length);
    expect(await site.list(S3_STATE_KEYS.rebuildRuns)).toEqual([]);
  });
});
