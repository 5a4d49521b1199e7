/**
 * The synthesized rebuild state machine run locally (aws-local-stepfunctions), its Lambda tasks
 * answered by the real rebuilder handler against the local S3 server: the site it writes is the
 * CLI build's, byte for byte. What the interpreter does not cover is listed in
 * test/support/local-step-functions.ts and docs/deploy.md ("Rebuild").
 *
 * REBUILD_MACHINE_STORIES=10000 runs the same proof at scale (by hand: ~10 minutes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { REBUILD_STATES } from '../../infra/rebuild-machine.js';
import { stateMachineDefinition, synthFeedStack, type SynthesizedStack } from '../../infra/test-stack.js';
import { S3_STATE_KEYS } from '../../functions/adapters/s3-state-layout.js';
import { batchesOf, BATCHES_FIELD, distributedAsInline, runLocally, type Definition, type LocalExecution } from '../support/local-step-functions.js';
import { Site, useHarness } from './harness.js';
import { buildWithCli, lambdaFeeds, PHOTO, PUBLIC_TEXT_FILE, putSiteJson, wireStory } from './parity-support.js';

const STORIES = Number(process.env.REBUILD_MACHINE_STORIES ?? 200);
/** At least 8 partitions, as the proof asks, whatever the archive size. */
const PARTITIONS = 8;
const BASE = 'https://feeds.example.com';

const harness = useHarness();
let synth: SynthesizedStack;
let definition: Definition;
beforeAll(() => {
  synth = synthFeedStack();
  definition = stateMachineDefinition(synth.template, synth.stack.rebuild.stateMachine) as Definition;
}, 300_000);
afterAll(() => {
  synth?.dispose();
});

/** Every object under `prefix` as a map's ItemReader lists it (ListObjectsV2 `Contents`, as Step Functions names their fields). */
async function listing(site: Site, prefix: string): Promise<Array<{ Key: string; Etag: string; Size: number }>> {
  const objects: Array<{ Key: string; Etag: string; Size: number }> = [];
  let token: string | undefined;
  do {
    const page = await harness.client.send(new ListObjectsV2Command({ Bucket: site.contentBucket, Prefix: prefix, ...(token && { ContinuationToken: token }) }));
    for (const object of page.Contents ?? []) objects.push({ Key: object.Key!, Etag: object.ETag!, Size: object.Size! });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

/** Where the local run's input holds the batches of the maps that list import/. */
const IMPORT_BATCHES = 'localImportBatches';
const MOVE_BATCHES = 'localMoveBatches';

/**
 * The definition with its three S3-listing maps fed from the execution's input (the interpreter
 * ignores ItemReader): the listings are taken before the run, so the move map gets import/ as the
 * scan saw it, not as it is once the heads are written.
 */
function localDefinition(definition: Definition): Definition {
  return distributedAsInline(distributedAsInline(distributedAsInline(definition, REBUILD_STATES.scan), REBUILD_STATES.scanImports, IMPORT_BATCHES), REBUILD_STATES.moveImports, MOVE_BATCHES);
}

/** The input `localDefinition` reads: each listing map's batches, its ItemSelector applied, in batches of `batchSize`. */
async function localInput(site: Site, execution: LocalExecution, batchSize?: number): Promise<Record<string, unknown>> {
  const imports = await listing(site, 'import/');
  return {
    [BATCHES_FIELD]: await batchesOf(definition, REBUILD_STATES.scan, await listing(site, 'stories/'), execution, batchSize),
    [IMPORT_BATCHES]: await batchesOf(definition, REBUILD_STATES.scanImports, imports, execution, batchSize),
    [MOVE_BATCHES]: await batchesOf(definition, REBUILD_STATES.moveImports, imports, execution, batchSize),
  };
}

/**
 * The definition with the order step cutting partitions of `size` stories: the deployed size
 * (RENDER_PARTITION, 2,000) would give a small archive one partition.
 */
function withPartitionStories(definition: Definition, size: number): Definition {
  const order = definition.States[REBUILD_STATES.order] as { Parameters: { Payload: Record<string, unknown> } };
  return { ...definition, States: { ...definition.States, [REBUILD_STATES.order]: { ...order, Parameters: { ...order.Parameters, Payload: { ...order.Parameters.Payload, partitionStories: size } } } } };
}

/** The definition with the cut step batching archive pages of about `items` items: the deployed size would give a small archive one batch. */
function withPageItems(definition: Definition, items: number): Definition {
  const cut = definition.States[REBUILD_STATES.cut] as { Parameters: { Payload: Record<string, unknown> } };
  return { ...definition, States: { ...definition.States, [REBUILD_STATES.cut]: { ...cut, Parameters: { ...cut.Parameters, Payload: { ...cut.Parameters.Payload, pageItems: items } } } } };
}

/** Runs the machine on `site` as an execution named `name`, the rebuilder's steps through the real handler. */
async function execute(site: Site, name: string, batchSize: number, pageItems: number): Promise<unknown> {
  const execution = { Name: name, StartTime: new Date().toISOString() };
  const input = await localInput(site, execution, batchSize);
  const rebuilder = (payload: unknown) => site.step(payload as Parameters<Site['step']>[0]);
  const rendered: number[] = [];
  const render = (payload: unknown) => {
    rendered.push((payload as { partition: number }).partition);
    return rebuilder(payload);
  };
  const pages: number[] = [];
  const records: number[] = [];
  const writeRecords = (payload: unknown) => {
    records.push((payload as { partition: number }).partition);
    return rebuilder(payload);
  };
  const nows = new Set<unknown>();
  const writePages = (payload: unknown) => {
    pages.push((payload as { batch: number }).batch);
    return rebuilder(payload);
  };
  const swept: number[] = [];
  const sweep = (payload: unknown) => {
    swept.push((payload as { shard: number }).shard);
    return rebuilder(payload);
  };
  const steps = Object.fromEntries(
    Object.entries({
      [REBUILD_STATES.scanBatch]: rebuilder,
      [REBUILD_STATES.scanImportBatch]: rebuilder,
      [REBUILD_STATES.order]: rebuilder,
      [REBUILD_STATES.renderPartition]: render,
      [REBUILD_STATES.cut]: rebuilder,
      [REBUILD_STATES.pageBatch]: writePages,
      [REBUILD_STATES.recordPartition]: writeRecords,
      [REBUILD_STATES.finish]: rebuilder,
      [REBUILD_STATES.sweepShard]: sweep,
      [REBUILD_STATES.moveBatch]: rebuilder,
      [REBUILD_STATES.close]: rebuilder,
    }).map(([state, step]) => [
      state,
      (payload: unknown) => {
        // The close judges nothing by time: it sums and removes the run's scratch.
        if (state !== REBUILD_STATES.scanBatch && state !== REBUILD_STATES.scanImportBatch && state !== REBUILD_STATES.moveBatch && state !== REBUILD_STATES.close) nows.add((payload as { now?: unknown }).now);
        return step(payload);
      },
    ]),
  );
  const local = withPageItems(withPartitionStories(localDefinition(definition), batchSize), pageItems);
  const result = await runLocally(local, input, steps, execution);
  return { batches: (input[BATCHES_FIELD] as unknown[]).length + (input[IMPORT_BATCHES] as unknown[]).length, rendered, pages, records, swept, nows: [...nows], result };
}

describe('the rebuild state machine, run locally', () => {
  it(`rebuilds ${STORIES} stories over ${PARTITIONS}+ partitions into the CLI build's site, byte for byte`, { timeout: Math.max(300_000, STORIES * 120) }, async () => {
    // Given: a wire archive with sections, partners, archive pages and a refused file
    const site = await new Site(harness, 'machine').create();
    const siteJson = await putSiteJson(site, 25);
    await site.putPhoto('media/p.jpg', PHOTO);
    const stories = new Map<string, unknown>();
    for (let n = 1; n <= STORIES; n++) stories.set(`s${String(n).padStart(6, '0')}`, wireStory(n, 48 * (1 - n / STORIES) + 1, { short: n % 7 === 0 }));
    for (const [name, document] of stories) await site.putStory(name, document);
    // Refused, so it publishes nothing (the CLI's build stops on it with exit 1, so it gets the rest)
    await site.putStory('s999999-broken', '{"uri": ');
    // When the synthesized state machine runs
    // And a stale story page, photo, record and order marker from before (a story withdrawn since), and a file beside the site
    const stale = ['stories/withdrawn-0123456789abcdef.html', 'media/0123456789abcdef/gone.jpg', S3_STATE_KEYS.record('0'.repeat(32)), S3_STATE_KEYS.order('', '2020-01-01T00:00:00.000Z', '0'.repeat(32)), 'archive/999/rss.xml'];
    for (const path of [...stale, 'robots.txt']) await site.putSiteFile(path, 'old');
    // A second before the run starts: the sweep deletes only what was written before the run's start, to the second
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const run = (await execute(site, 'nightly-1', Math.ceil((STORIES + 1) / PARTITIONS), 100)) as { batches: number; rendered: number[]; pages: number[]; records: number[]; swept: number[]; nows: unknown[]; result: Record<string, unknown> };
    // Then it scanned and rendered in partitions, each once, wrote the archive pages in batches, each once, the records of each partition once, and finished with every story published and the broken one refused
    expect(run.batches).toBeGreaterThanOrEqual(PARTITIONS);
    expect(run.rendered.length).toBeGreaterThanOrEqual(PARTITIONS);
    expect([...run.rendered].sort((a, b) => a - b)).toEqual(run.rendered.map((_, n) => n));
    expect(run.pages.length).toBeGreaterThanOrEqual(2);
    expect([...run.pages].sort((a, b) => a - b)).toEqual(run.pages.map((_, n) => n));
    expect([...run.records].sort((a, b) => a - b)).toEqual([...run.rendered].sort((a, b) => a - b));
    // And it swept the site after the heads, shard by shard, each once, deleting the stale files and nothing beside the site
    expect(run.swept.length).toBeGreaterThanOrEqual(3);
    expect([...run.swept].sort((a, b) => a - b)).toEqual(run.swept.map((_, n) => n));
    expect(run.result).toMatchObject({ deleted: stale.length });
    for (const path of stale) expect(await site.read(path)).toBeUndefined();
    expect(await site.read('robots.txt')).toBe('old');
    // And every step after the scan judged by the execution's start (the scan's batches are selected
    // before the local run, by an interpreter run of their own: test/support/local-step-functions.ts)
    expect(run.nows).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\dT/)]);
    expect(run.result).toMatchObject({ published: STORIES, rejected: ['stories/s999999-broken.json'] });
    // And the run's scratch objects are gone
    expect(await site.list(S3_STATE_KEYS.rebuildRuns)).toEqual([]);
    // And every public text file is the CLI build's, byte for byte
    const cli = await buildWithCli({ ...siteJson, baseUrl: BASE }, stories, new Date(), BASE, PUBLIC_TEXT_FILE);
    const lambda = await lambdaFeeds(site, PUBLIC_TEXT_FILE);
    lambda.delete('robots.txt');
    expect([...lambda.keys()].sort()).toEqual([...cli.keys()].sort());
    expect([...cli.keys()]).toEqual(expect.arrayContaining(['archive/1/rss.xml', 'sections/odd/archive/1/atom.xml', 'partners/msn/rss.xml', 'news-sitemap.xml', 'index.html', 'feeds.opml']));
    const differing = [...cli].filter(([path, text]) => lambda.get(path) !== text).map(([path]) => path);
    expect(differing).toEqual([]);
  });

  it('publishes a bulk import from import/ in the same run, the import winning over its story file, moves it to stories/, and the publishes of the moved files write nothing', { timeout: 300_000 }, async () => {
    // Given: a site whose 10 stories were published one by one, and 40 story files uploaded to
    // import/ (no notification), one a correction of a story file in stories/, one refused
    const site = await new Site(harness, 'machine-import').create();
    const siteJson = await putSiteJson(site, 25);
    await site.putPhoto('media/p.jpg', PHOTO);
    const stories = new Map<string, unknown>();
    const name = (n: number) => `s${String(n).padStart(6, '0')}`;
    for (let n = 1; n <= 10; n++) {
      stories.set(name(n), wireStory(n, 60 - n));
      await site.publish(await site.putStory(name(n), stories.get(name(n))));
    }
    const imports = new Map<string, unknown>();
    for (let n = 11; n <= 48; n++) imports.set(name(n), wireStory(n, 60 - n, { short: n % 5 === 0 }));
    imports.set(name(5), wireStory(5, 55, { version: 2, headline: 'Corrected on import' }));
    imports.set('z-broken', '{"uri": ');
    for (const [file, document] of imports) {
      await harness.client.send(new PutObjectCommand({ Bucket: site.contentBucket, Key: `import/${file}.json`, Body: typeof document === 'string' ? document : JSON.stringify(document) }));
    }
    for (const [file, document] of imports) if (file !== 'z-broken') stories.set(file, document);
    // When the synthesized state machine runs
    const run = (await execute(site, 'import-1', 8, 100)) as { batches: number; rendered: number[]; result: Record<string, unknown> };
    // Then every story is published, the import files counted, the refused one named as the story file it became
    expect(run.result).toMatchObject({ published: 48, imported: 40, rejected: ['stories/z-broken.json'] });
    // And import/ is empty, and stories/ holds every file, the correction's bytes in place of its story file's
    expect(await site.listContent('import/')).toEqual([]);
    expect(await site.listContent('stories/')).toEqual([...[...stories.keys()].map((file) => `stories/${file}.json`), 'stories/z-broken.json'].sort());
    const corrected = await harness.client.send(new GetObjectCommand({ Bucket: site.contentBucket, Key: `stories/${name(5)}.json` }));
    expect(await corrected.Body!.transformToString()).toBe(JSON.stringify(imports.get(name(5))));
    // And every public text file is the CLI build's of the stories as they are now in stories/, byte for byte
    const cli = await buildWithCli({ ...siteJson, baseUrl: BASE }, stories, new Date(), BASE, PUBLIC_TEXT_FILE);
    const lambda = await lambdaFeeds(site, PUBLIC_TEXT_FILE);
    expect([...lambda.keys()].sort()).toEqual([...cli.keys()].sort());
    expect([...cli].filter(([path, text]) => lambda.get(path) !== text).map(([path]) => path)).toEqual([]);
    expect([...lambda].filter(([path, text]) => path.endsWith('rss.xml') && text.includes('Corrected on import')).length).toBeGreaterThan(0);
    // When the notifications of the moved files reach the publisher, in SQS batches of 10
    harness.proxy.requests = [];
    const moved = [...imports.keys()].map((file) => `stories/${file}.json`);
    const failures: string[] = [];
    for (let at = 0; at < moved.length; at += 10) failures.push(...(await site.publish(...moved.slice(at, at + 10))).batchItemFailures.map(({ itemIdentifier }) => itemIdentifier));
    // Then only the refused file fails, as any refused upload does; the others find every record,
    // item, page and feed as they would write them: nothing is written to the site bucket
    expect(failures).toEqual([expect.stringMatching(/stories\/z-broken\.json$/)]);
    const siteWrites = harness.proxy.requests.filter(({ method, path }) => (method === 'PUT' || method === 'DELETE') && path.startsWith(`/${site.siteBucket}/`));
    expect(siteWrites.map(({ method, path }) => `${method} ${decodeURIComponent(path)}`)).toEqual([]);
    expect(await lambdaFeeds(site, PUBLIC_TEXT_FILE)).toEqual(lambda);
  });

  it('fails the execution, without retrying its last step, when a story changed after the scan', async () => {
    // Given: a rebuilt site
    const site = await new Site(harness, 'machine-race').create();
    await putSiteJson(site, 3);
    await site.putPhoto('media/p.jpg', PHOTO);
    for (let n = 1; n <= 12; n++) await site.putStory(`s${n}`, wireStory(n, 30 - n));
    await site.command('rebuild');
    const feed = await site.read('rss.xml');
    // When an editor corrects a story while the machine runs, after its partition was scanned
    let finishes = 0;
    const execution = { Name: 'race-1', StartTime: new Date().toISOString() };
    const input = await localInput(site, execution, 4);
    const steps = {
      [REBUILD_STATES.scanBatch]: (payload: unknown) => site.step(payload as Parameters<Site['step']>[0]),
      [REBUILD_STATES.scanImportBatch]: (payload: unknown) => site.step(payload as Parameters<Site['step']>[0]),
      [REBUILD_STATES.order]: (payload: unknown) => site.step(payload as Parameters<Site['step']>[0]),
      [REBUILD_STATES.renderPartition]: (payload: unknown) => site.step(payload as Parameters<Site['step']>[0]),
      [REBUILD_STATES.cut]: (payload: unknown) => site.step(payload as Parameters<Site['step']>[0]),
      [REBUILD_STATES.pageBatch]: (payload: unknown) => site.step(payload as Parameters<Site['step']>[0]),
      [REBUILD_STATES.recordPartition]: (payload: unknown) => site.step(payload as Parameters<Site['step']>[0]),
      [REBUILD_STATES.finish]: async (payload: unknown) => {
        finishes += 1;
        if (finishes === 1) await site.putStory('s3', wireStory(3, 27, { version: 2, headline: 'Corrected' }));
        return site.step(payload as Parameters<Site['step']>[0]);
      },
    };
    // Then the execution fails with the conflict, its finishing step ran once, and the feeds are as they were
    await expect(runLocally(localDefinition(definition), input, steps, execution)).rejects.toThrow(/RebuildConflictError|an editor changed stories\/s3\.json/);
    expect(finishes).toBe(1);
    expect(await site.read('rss.xml')).toBe(feed);
  });
});
