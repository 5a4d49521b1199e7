// Issue 9, bench item 4 (and the first invoke of item 5): one-story publishes in the Lambda path
// against the local S3 server, at one archive size.
//
//   node --import tsx bench/publish-one.mjs <bundled handler .mjs> <stories>   → one JSON line
// (the rebuilder's bundle, which seeds the site, is expected beside it: bench/lambda-bundle.mjs)
//
// This process runs s3rver and the conditional proxy (which counts every request the handler makes).
// The content folder is uploaded straight to s3rver; the site is seeded by a `{wirefeed:"rebuild"}`
// of the bundled handler in one child; then a fresh child — a cold container — imports the handler
// and publishes new stories and a correction, one SQS event each. BENCH_CPU_PROF=<dir> writes a
// CPU profile of that second child (and of the rebuild again, in <dir>/rebuild-again); BENCH_REQUEST_LOG=<file> writes the requests of each publish.
// BENCH_S3_LATENCY_MS=<ms> makes the proxy hold every request of the publishes (not of the seeding)
// that long, as S3 in-region would (10–30 ms): the wall time then shows requests made in turn.
// BENCH_PARTNERS=1 gives the site the four partner feeds of content/site.json.
// BENCH_OWN_PHOTOS=1 gives each story published after the seeding photos of its own, as a newsroom's
// new story brings them: 4 × (1.5 MB + 150 KB), uploaded with the story (the archive's stories share
// 8 small seed photos, so their copies exist and a publish only looks them up).
// BENCH_REBUILD_AGAIN=1 rebuilds the seeded site once more, unchanged, as a nightly rebuild finds it;
// BENCH_REBUILD_AGAIN=<other rebuilder bundle .mjs> rebuilds it with that bundle instead, as the first rebuild
// after a deploy that changed how stories render finds it (build the bundle from changed code).
// BENCH_PUBLISH_LOAD=1 then runs issue 23's two publish measurements on the same site, with the
// proxy holding every request BENCH_PROXY_LATENCY_MS (default 25): BENCH_LATENCY_PUBLISHES (100)
// new stories one event each in the warm container (bench/publish-latency.mjs), then a burst of
// BENCH_BURST_STORIES (100) arriving within 10 s through the SQS-batch path into two warm
// containers (bench/publish-burst.mjs).
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { localAwsEnv, localS3Client, startLocalS3 } from '../test/support/local-s3.ts';
import { startConditionalProxy } from '../test/support/conditional-proxy.ts';
import { sqsEvent } from '../test/support/sqs-event.ts';
import { generateContent, seedLikeStory, STORY_SPACING_MS } from './generate-stories.mjs';
import { uploadFolder } from './upload-folder.mjs';
import { measurePublishLatency } from './publish-latency.mjs';
import { measureBurst } from './publish-burst.mjs';
import { rebuilderOf } from './lambda-bundle.mjs';
import { byKind, byOperation, startInvoker } from './lambda-container.mjs';

/** New stories published one per invocation after the cold import (the first is the first invoke). */
const NEW_STORIES = 6;
const CONTENT = 'content';
const SITE = 'site';
const BASE_URL = 'https://wire.example.org';

const [bundle, sizeArg] = process.argv.slice(2);
const count = Number(sizeArg);
if (!bundle || !Number.isInteger(count) || count < 2) throw new Error('usage: node --import tsx bench/publish-one.mjs <bundle.mjs> <stories ≥ 2>');
/** A non-negative number from the environment, or `fallback`. */
function envNumber(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0, got ${process.env[name]}`);
  return value;
}
const latencyMs = envNumber('BENCH_S3_LATENCY_MS', 0);
const publishLoad = Boolean(process.env.BENCH_PUBLISH_LOAD);
const proxyLatencyMs = envNumber('BENCH_PROXY_LATENCY_MS', 25);
const latencyPublishes = publishLoad ? envNumber('BENCH_LATENCY_PUBLISHES', 100) : 0;
const burstStories = publishLoad ? envNumber('BENCH_BURST_STORIES', 100) : 0;

// The handler's clock is the real one: shift the archive so that it, and the stories published
// after it, lie in the past (whole hours, with two hours to spare), and every story is released.
const newestAt = Date.UTC(2022, 0, 1) + (count + NEW_STORIES + latencyPublishes + burstStories) * STORY_SPACING_MS + 3_600_000;
const shiftMs = Math.floor((Date.now() - 2 * 3_600_000 - newestAt) / 3_600_000) * 3_600_000;
const storySlug = (n) => `story-${String(n).padStart(6, '0')}`;
const storyKey = (n) => `stories/${storySlug(n)}.json`;
/** Stories n, n + 1, … (`length` of them), each newer than the last, as the load phases publish them. */
const newStories = (n, length) => Array.from({ length }, (_, i) => ({ key: storyKey(n + i), slug: storySlug(n + i), story: seedLikeStory(n + i, { shiftMs }) }));

/** Files s3rver holds for a bucket: one `._S3rver_object` per object. */
function objectCount(directory, bucket) {
  return readdirSync(join(directory, bucket), { recursive: true }).filter((name) => String(name).endsWith('._S3rver_object')).length;
}

/** Bytes of the object at a request path (`/bucket/key`) as s3rver stores it now, if any. */
function storedBytes(path) {
  try {
    return statSync(`${join(s3.directory, decodeURIComponent(path))}._S3rver_object`).size;
  } catch {
    return undefined;
  }
}

/**
 * BENCH_OWN_PHOTOS: points the story's renditions at photos of its own and uploads them (a correction
 * uploads the same bytes again: same ETag). The seed JPEG, padded after its end with bytes that vary
 * by story and photo to 1.5 MB (large) or 150 KB (small): readers ignore bytes after a JPEG's end.
 */
async function uploadOwnPhotos(story) {
  const folder = `media/own/${story.uri.split(':').at(-1)}`;
  for (const photo of story.associations) {
    for (const rendition of photo.renditions) {
      const name = rendition.href.slice(rendition.href.lastIndexOf('/') + 1);
      const seed = readFileSync(join(content, rendition.href));
      const size = rendition.name === 'highres' ? 1_500_000 : 150_000;
      const padding = Buffer.alloc(Math.max(0, size - seed.length), `${folder}/${name}`);
      rendition.href = `${folder}/${name}`;
      await client.send(new PutObjectCommand({ Bucket: CONTENT, Key: rendition.href, Body: Buffer.concat([seed, padding]) }));
    }
  }
}

const content = generateContent(count, { shiftMs });
if (process.env.BENCH_PARTNERS) {
  // The sample site's four partner feeds (Google News, MSN, Flipboard, SmartNews): each publish then
  // also updates one partner shortlist per partner the story goes to.
  const site = JSON.parse(readFileSync(join(content, 'site.json'), 'utf8'));
  writeFileSync(join(content, 'site.json'), JSON.stringify({ ...site, partners: JSON.parse(readFileSync('content/site.json', 'utf8')).partners }));
}
const s3 = await startLocalS3({ buckets: [CONTENT, SITE] });
const proxy = await startConditionalProxy(s3.endpoint);
const client = localS3Client(s3.endpoint);
const env = {
  PATH: process.env.PATH,
  ...localAwsEnv(proxy.endpoint),
  CONTENT_BUCKET: CONTENT,
  SITE_BUCKET: SITE,
  SITE_URL: BASE_URL,
  POWERTOOLS_SERVICE_NAME: 'wirefeed-publish',
};

// Every container this run starts, stopped however it ends: a live child keeps this process alive.
const invokers = [];
const startContainer = (...args) => {
  const invoker = startInvoker(...args);
  invokers.push(invoker);
  return invoker;
};

try {
  const started = performance.now();
  const uploaded = await uploadFolder(client, CONTENT, content);
  const upload = { objects: uploaded, wallMs: performance.now() - started };

  // BENCH_SEED_HEAP_MB caps the seeding rebuild's V8 heap, to see whether it fits a function's memory.
  const seeder = startContainer(env, process.env.BENCH_SEED_HEAP_MB ? [`--max-old-space-size=${process.env.BENCH_SEED_HEAP_MB}`] : []);
  await seeder.ask({ import: rebuilderOf(bundle) });
  proxy.requests = [];
  const rebuild = await seeder.ask({ invoke: { wirefeed: 'rebuild' } });
  await seeder.stop();
  const seed = { ...rebuild, requests: byOperation(proxy.requests), siteObjects: objectCount(s3.directory, SITE) };
  if (seed.result.published !== count) throw new Error(`the rebuild published ${seed.result.published} of ${count} stories: ${JSON.stringify(seed.result).slice(0, 500)}`);
  // BENCH_REBUILD_AGAIN=1: the nightly rebuild's usual case, nothing changed since the last one (a fresh process).
  // A path instead of 1: that bundle rebuilds, as after a deploy of changed rendering.
  let rebuildAgain;
  const againWith = process.env.BENCH_REBUILD_AGAIN;
  if (againWith) {
    const heap = process.env.BENCH_SEED_HEAP_MB ? [`--max-old-space-size=${process.env.BENCH_SEED_HEAP_MB}`] : [];
    const again = startContainer(env, [...heap, ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', join(process.env.BENCH_CPU_PROF, 'rebuild-again')] : [])]);
    await again.ask({ import: againWith === '1' ? rebuilderOf(bundle) : againWith });
    proxy.requests = [];
    rebuildAgain = { ...(await again.ask({ invoke: { wirefeed: 'rebuild' } })), requests: byOperation(proxy.requests) };
    await again.stop();
  }

  const profile = process.env.BENCH_CPU_PROF;
  const container = startContainer(env, profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []);
  const coldImport = await container.ask({ import: bundle });
  proxy.latencyMs = latencyMs;
  const publishes = [];
  const requestLog = [];
  const publish = async (label, key, story) => {
    if (process.env.BENCH_OWN_PHOTOS) await uploadOwnPhotos(story);
    await client.send(new PutObjectCommand({ Bucket: CONTENT, Key: key, Body: JSON.stringify(story, null, 2) }));
    proxy.requests = [];
    const run = await container.ask({ invoke: sqsEvent(CONTENT, [key]) });
    if (run.result.batchItemFailures.length > 0) throw new Error(`${label} failed: ${JSON.stringify(run.result)}`);
    // Bytes of every object read or written, as stored after the publish: what grows with the archive.
    // A GET answered 304 (the container still held that state) moved no body, nor did a copy inside S3.
    const moved = proxy.requests
      .filter(({ method, query, status, copy }) => (method === 'PUT' && !copy) || (method === 'GET' && !query.includes('list-type') && status !== 304))
      .reduce((sum, { path }) => sum + (storedBytes(path) ?? 0), 0);
    const notModified = proxy.requests.filter(({ status }) => status === 304).length;
    publishes.push({ label, wallMs: run.wallMs, cpuMs: run.cpuMs, maxRssMb: run.maxRssMb, mbMoved: moved / 1e6, notModified, requests: byOperation(proxy.requests) });
    requestLog.push(`# ${label}`, ...proxy.requests.map(({ method, path, query, status, copy }) => `${copy ? 'COPY' : method} ${path}${query ? `?${query}` : ''} ${status ?? '-'} ${storedBytes(path) ?? '-'} B`));
  };
  for (let i = 0; i < NEW_STORIES; i += 1) {
    await publish(i === 0 ? 'new story, first invoke' : `new story ${i + 1}`, storyKey(count + i), seedLikeStory(count + i, { shiftMs }));
  }
  // A correction: new version, new headline, same first publication. The newest story sits in every
  // feed's window at any archive size; a mid-archive one is on an archive page, and also in the
  // window's copy of the last closed page when it happens to be on that page (position, not size).
  const correct = (n) => ({ ...seedLikeStory(n, { shiftMs }), version: '2', headlines: [{ role: 'main', value: 'Corrected headline' }] });
  const newest = count + NEW_STORIES - 1;
  await publish('correction of the newest story', storyKey(newest), correct(newest));
  const middle = Math.floor(count / 2);
  await publish('correction of a mid-archive story', storyKey(middle), correct(middle));

  let latency;
  let burst;
  if (publishLoad) {
    const site = { proxy, client, s3Directory: s3.directory, contentBucket: CONTENT, siteBucket: SITE };
    const first = count + NEW_STORIES;
    if (latencyPublishes > 0) latency = await measurePublishLatency({ ...site, container, stories: newStories(first, latencyPublishes), latencyMs: proxyLatencyMs });
    if (burstStories > 0) {
      // A second warm container: the event source runs up to two invocations at once.
      const second = startContainer(env);
      await second.ask({ import: bundle });
      // Warmed by an event the handler skips (not a story key): its client and modules are loaded.
      await second.ask({ invoke: sqsEvent(CONTENT, ['media/warm-up.jpg']) });
      burst = await measureBurst({ ...site, containers: [container, second], stories: newStories(first + latencyPublishes, burstStories), latencyMs: proxyLatencyMs, byOperation, byKind });
      await second.stop();
    }
  }
  await container.stop();
  if (process.env.BENCH_REQUEST_LOG) writeFileSync(process.env.BENCH_REQUEST_LOG, `${requestLog.join('\n')}\n`);

  const result = { stories: count, latencyMs, upload, seed, ...(rebuildAgain && { rebuildAgain }), coldImport: { wallMs: coldImport.wallMs, cpuMs: coldImport.cpuMs }, publishes, ...(latency && { latency }), ...(burst && { burst }) };
  console.log(JSON.stringify(result));
} finally {
  await Promise.all(invokers.map((invoker) => invoker.stop()));
  client.destroy();
  await proxy.stop();
  await s3.stop();
  rmSync(content, { recursive: true, force: true });
}
