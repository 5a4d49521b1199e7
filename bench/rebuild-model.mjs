// Issue 24: the measured inputs of the million-story rebuild model (docs/performance.md, "Rebuild of
// a million stories"). By hand only, not part of `npm test` or `npm run bench`:
//
//   node --import tsx bench/rebuild-model.mjs <stories>   → one JSON line
//   BENCH_UNIQUE_PHOTOS=1 …: each story shows photos of its own (by default all show the same 8 files)
//
// 1. The rebuilder bundle (functions/handlers/rebuild-step.ts, bundled as the stack bundles it) runs
//    in a forked process — a Lambda container — against s3rver behind the counting proxy, with the
//    steps the state machine gives it: `rebuild-scan` over batches of SCAN_BATCH keys of the listing,
//    `rebuild-order`, `rebuild-render` for each partition, `rebuild-cut`, `rebuild-pages` for each
//    batch of closed archive pages, `rebuild-records` for each partition, then `rebuild-finish` (the heads),
//    `rebuild-sweep` for each shard of the stale sweep and `rebuild-close`. Cold: into an empty
//    site. Warm: the same again, nothing changed (the nightly rebuild). CPU (user + system of the container process) and S3 requests per step.
// 2. The reduce steps, in this process, on synthetic input: merging N stories' scanned facts stored as
//    N / SCAN_BATCH partition objects (readArchiveScan over in-memory ports: parse, merge in key order),
//    and the archive page cutter (core/outputs/feed-set/archive-cut.ts) over N item
//    sizes, at 10k, 100k and 1M.
import { rmSync, statSync } from 'node:fs';
import { ListObjectsV2Command, GetObjectCommand } from '@aws-sdk/client-s3';
import { localAwsEnv, localS3Client, startLocalS3 } from '../test/support/local-s3.ts';
import { startConditionalProxy } from '../test/support/conditional-proxy.ts';
import { ARCHIVE_BATCH_ITEMS, RENDER_PARTITION, SCAN_BATCH } from '../infra/rebuild-machine.ts';
import { readArchiveScan } from '../functions/use-cases/rebuild/distributed-scan.ts';
import { S3_STATE_KEYS } from '../functions/adapters/s3-state-layout.ts';
import { createPageCutter } from '../functions/core/outputs/feed-set/archive-cut.ts';
import { generateContent, STORY_SPACING_MS } from './generate-stories.mjs';
import { uploadFolder } from './upload-folder.mjs';
import { bundleLambda, rebuilderOf } from './lambda-bundle.mjs';
import { byOperation, startInvoker } from './lambda-container.mjs';

const CONTENT = 'content';
const SITE = 'site';
const BASE_URL = 'https://wire.example.org';
const REDUCE_SIZES = (process.env.BENCH_REDUCE_SIZES ?? '10000,100000,1000000').split(',').map(Number);
/** The feed's itemLimit in the generated site.json (generateContent's default). */
const ITEM_LIMIT = 50;

const count = Number(process.argv[2]);
if (!Number.isInteger(count) || count < 2) throw new Error('usage: node --import tsx bench/rebuild-model.mjs <stories ≥ 2>');

/** CPU ms (user + system) of `run()` in this process, with its result. */
function cpuOf(run) {
  const before = process.cpuUsage();
  const result = run();
  const { user, system } = process.cpuUsage(before);
  return { cpuMs: (user + system) / 1000, result };
}

const shiftMs = Math.floor((Date.now() - 2 * 3_600_000 - (Date.UTC(2022, 0, 1) + count * STORY_SPACING_MS + 3_600_000)) / 3_600_000) * 3_600_000;
const uniquePhotos = process.env.BENCH_UNIQUE_PHOTOS === '1';
const content = generateContent(count, { shiftMs, itemLimit: ITEM_LIMIT, uniquePhotos });
const s3 = await startLocalS3({ buckets: [CONTENT, SITE] });
const proxy = await startConditionalProxy(s3.endpoint);
const client = localS3Client(s3.endpoint);
const lambda = await bundleLambda();
const rebuilder = rebuilderOf(lambda.file);
const env = { PATH: process.env.PATH, ...localAwsEnv(proxy.endpoint), CONTENT_BUCKET: CONTENT, SITE_BUCKET: SITE, SITE_URL: BASE_URL, POWERTOOLS_SERVICE_NAME: 'wirefeed-rebuild' };

/** Every key under `prefix` in a bucket. */
async function keysOf(bucket, prefix) {
  const keys = [];
  let token;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token && { ContinuationToken: token }) }));
    for (const object of page.Contents ?? []) keys.push({ key: object.Key, etag: object.ETag });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** One execution of the machine's steps, in one container (a child's CPU does not depend on which container runs it). */
async function execute(container, run) {
  const listing = (await keysOf(CONTENT, 'stories/')).map(({ key }) => key);
  const scans = [];
  for (let at = 0; at < listing.length; at += SCAN_BATCH) {
    proxy.requests = [];
    const step = await container.ask({ invoke: { wirefeed: 'rebuild-scan', run, keys: listing.slice(at, at + SCAN_BATCH) } });
    scans.push({ keys: Math.min(SCAN_BATCH, listing.length - at), wallMs: step.wallMs, cpuMs: step.cpuMs, requests: byOperation(proxy.requests) });
  }
  // One partition object as a child stored it: the template of the synthetic merge input.
  const [part] = await keysOf(SITE, `_wirefeed/rebuild/${run}/scan/`);
  const stored = await (await client.send(new GetObjectCommand({ Bucket: SITE, Key: part.key }))).Body.transformToString();
  proxy.requests = [];
  const order = await container.ask({ invoke: { wirefeed: 'rebuild-order', run, partitionStories: RENDER_PARTITION } });
  const orderStep = { wallMs: order.wallMs, cpuMs: order.cpuMs, maxRssMb: order.maxRssMb, requests: byOperation(proxy.requests) };
  const renders = [];
  for (const { partition } of order.result.partitions) {
    proxy.requests = [];
    const step = await container.ask({ invoke: { wirefeed: 'rebuild-render', run, partition } });
    renders.push({ wallMs: step.wallMs, cpuMs: step.cpuMs, requests: byOperation(proxy.requests) });
  }
  proxy.requests = [];
  const cut = await container.ask({ invoke: { wirefeed: 'rebuild-cut', run, partitions: order.result.partitions, pageItems: ARCHIVE_BATCH_ITEMS } });
  const cutStep = { wallMs: cut.wallMs, cpuMs: cut.cpuMs, maxRssMb: cut.maxRssMb, requests: byOperation(proxy.requests) };
  const pages = [];
  for (const { batch } of cut.result.batches) {
    proxy.requests = [];
    const step = await container.ask({ invoke: { wirefeed: 'rebuild-pages', run, batch } });
    pages.push({ wallMs: step.wallMs, cpuMs: step.cpuMs, pages: step.result.pages, items: step.result.items, requests: byOperation(proxy.requests) });
  }
  const records = [];
  for (const { partition } of order.result.partitions) {
    proxy.requests = [];
    const step = await container.ask({ invoke: { wirefeed: 'rebuild-records', run, partition } });
    records.push({ wallMs: step.wallMs, cpuMs: step.cpuMs, requests: byOperation(proxy.requests) });
  }
  proxy.requests = [];
  const now = new Date().toISOString();
  // In a container of its own, so its peak RSS is its own (and the import's), not the children's before it.
  const alone = startInvoker(env);
  await alone.ask({ import: rebuilder });
  proxy.requests = [];
  const finish = await alone.ask({ invoke: { wirefeed: 'rebuild-finish', run, now } });
  await alone.stop();
  if (finish.result.summary.published !== count) throw new Error(`finish published ${finish.result.summary.published} of ${count}: ${JSON.stringify(finish.result).slice(0, 400)}`);
  const finishStep = { wallMs: finish.wallMs, cpuMs: finish.cpuMs, maxRssMb: finish.maxRssMb, requests: byOperation(proxy.requests) };
  const sweeps = [];
  for (const { shard } of finish.result.shards) {
    proxy.requests = [];
    const step = await container.ask({ invoke: { wirefeed: 'rebuild-sweep', run, shard, now } });
    sweeps.push({ wallMs: step.wallMs, cpuMs: step.cpuMs, maxRssMb: step.maxRssMb, deleted: step.result.deleted, requests: byOperation(proxy.requests) });
  }
  proxy.requests = [];
  const close = await container.ask({ invoke: { wirefeed: 'rebuild-close', run, summary: finish.result.summary, swept: sweeps.map(({ deleted }) => ({ deleted, filesChanged: 0 })) } });
  const closeStep = { wallMs: close.wallMs, cpuMs: close.cpuMs, requests: byOperation(proxy.requests) };
  return { scans, stored, order: orderStep, renders, cut: cutStep, pages, records, finish: finishStep, sweeps, close: closeStep };
}

/** Per-story figures of a set of steps. */
function perStory(steps, stories) {
  const requests = {};
  for (const step of steps) for (const [operation, n] of Object.entries(step.requests)) requests[operation] = (requests[operation] ?? 0) + n;
  const cpuMs = steps.reduce((sum, step) => sum + step.cpuMs, 0);
  const wallMs = steps.reduce((sum, step) => sum + step.wallMs, 0);
  return { cpuMs, wallMs, cpuMsPerStory: cpuMs / stories, requests, requestsPerStory: Object.values(requests).reduce((a, b) => a + b, 0) / stories };
}

/**
 * readArchiveScan over `stories` facts in partitions shaped like `template` (one stored partition),
 * keys renamed so they are distinct, the ports in memory: the merge's CPU without S3's.
 */
async function mergeCost(template, stories) {
  const part = JSON.parse(template);
  const objects = new Map();
  const listing = [];
  for (let n = 0, p = 0; n < stories; p += 1) {
    const size = Math.min(part.scanned.length, stories - n);
    const scanned = part.scanned.slice(0, size).map((facts, i) => ({ ...facts, key: `p${String(p).padStart(4, '0')}-${facts.key}`, uri: `${facts.uri}-${p}-${i}` }));
    for (const facts of scanned) listing.push({ key: facts.key, etag: facts.etag });
    objects.set(`scan/${p}.json`, JSON.stringify({ keys: scanned.map((facts) => facts.key).sort(), scanned, rejected: [] }));
    n += size;
  }
  const ctx = {
    state: {
      keys: S3_STATE_KEYS,
      list: async () => ({ objects: [...objects.keys()].map((key) => ({ key })) }),
      readJson: async (key) => ({ value: JSON.parse(objects.get(key)) }),
    },
    content: { prefix: 'stories/', listStoryFiles: async () => listing },
  };
  const bytes = [...objects.values()].reduce((sum, text) => sum + text.length, 0);
  const before = process.cpuUsage();
  const start = performance.now();
  const scan = await readArchiveScan(ctx, 'model');
  const wallMs = performance.now() - start;
  const { user, system } = process.cpuUsage(before);
  if (scan.scanned.length !== stories) throw new Error(`merged ${scan.scanned.length} of ${stories}`);
  return { stories, partitions: objects.size, mb: bytes / 1e6, cpuMs: (user + system) / 1000, wallMs };
}

/** The page cutter over `items` synthetic item sizes (2–12 KB, the range of generated stories' largest fragments). */
function cutCost(items) {
  let seed = 1;
  const next = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  const sized = Array.from({ length: items }, () => ({ bytes: 2000 + Math.floor(next() * 10_000) }));
  const { cpuMs, result } = cpuOf(() => {
    const cutter = createPageCutter(ITEM_LIMIT);
    for (const item of sized) cutter.add(item);
    return cutter.closedCount;
  });
  return { items, pages: result, cpuMs };
}

try {
  await uploadFolder(client, CONTENT, content);
  const container = startInvoker(env);
  const coldImport = await container.ask({ import: rebuilder });
  const cold = await execute(container, 'model-cold');
  const warm = await execute(container, 'model-warm');
  await container.stop();
  const merge = [];
  for (const size of REDUCE_SIZES) merge.push(await mergeCost(cold.stored, size).catch((error) => ({ size, error: String(error) })));
  const cut = REDUCE_SIZES.map(cutCost);
  console.log(
    JSON.stringify({
      stories: count,
      uniquePhotos,
      scanBatch: SCAN_BATCH,
      bundleBytes: statSync(rebuilder).size,
      coldImportCpuMs: coldImport.cpuMs,
      cold: { scan: perStory(cold.scans, count), order: perStory([cold.order], count), render: perStory(cold.renders, count), cut: perStory([cold.cut], count), pages: { ...perStory(cold.pages, count), batches: cold.pages.length, pages: cold.pages.reduce((sum, step) => sum + step.pages, 0), items: cold.pages.reduce((sum, step) => sum + step.items, 0) }, records: perStory(cold.records, count), finish: { ...perStory([cold.finish], count), maxRssMb: cold.finish.maxRssMb }, sweep: { ...perStory(cold.sweeps, count), shards: cold.sweeps.length, deleted: cold.sweeps.reduce((sum, step) => sum + step.deleted, 0), maxRssMb: Math.max(...cold.sweeps.map((step) => step.maxRssMb)) }, close: perStory([cold.close], count) },
      warm: { scan: perStory(warm.scans, count), order: perStory([warm.order], count), render: perStory(warm.renders, count), cut: perStory([warm.cut], count), pages: perStory(warm.pages, count), records: perStory(warm.records, count), finish: { ...perStory([warm.finish], count), maxRssMb: warm.finish.maxRssMb }, sweep: { ...perStory(warm.sweeps, count), shards: warm.sweeps.length, deleted: warm.sweeps.reduce((sum, step) => sum + step.deleted, 0), maxRssMb: Math.max(...warm.sweeps.map((step) => step.maxRssMb)) }, close: perStory([warm.close], count) },
      scanBatches: cold.scans.map(({ keys, cpuMs, wallMs, requests }) => ({ keys, cpuMs, wallMs, requests })),
      merge,
      cut,
    }),
  );
} finally {
  client.destroy();
  await proxy.stop();
  await s3.stop();
  lambda.remove();
  rmSync(content, { recursive: true, force: true });
}
