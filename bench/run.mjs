// `npm run bench`: every measurement side by side in one run, printed as tables (issue 9).
// BENCH_SIZES=1000,10000,100000 picks the archive sizes (default 1000,10000); BENCH_RENDER_MAX caps
// the in-process render benchmark (default 100000: it holds all parsed stories, 5.5 GB of memory at 100k,
// and renders feeds of at most 10k stories);
// BENCH_LAMBDA_MAX caps the Lambda publish bench (default 10000: see bench/publish-one.mjs); the
// largest size it runs at also gets issue 23's publish latency (100 publishes at +25 ms per S3
// request) and burst (100 stories within 10 s through the SQS-batch path).
// Ends with issue 23's targets table: each target, its figure in this run, met or missed.
// Figures only; nothing here asserts a timing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { generateContent, seedLikeStory } from './generate-stories.mjs';
import { bundleLambda, rebuilderOf } from './lambda-bundle.mjs';

const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const renderMax = Number(process.env.BENCH_RENDER_MAX ?? 100000);
// The Lambda publish bench seeds each archive through the real rebuild, ~30-50 stories/s against
// s3rver here (10k: ~6 min; 100k: 47 min), so 100k is left out unless asked for.
const lambdaMax = Number(process.env.BENCH_LAMBDA_MAX ?? 10000);
// After the last generated story even at 100k (one every ~2.6 h from 2022), so every story is released.
const NOW = '2100-01-01T00:00:00Z';
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

console.log(`wirefeed bench — ${new Date().toISOString()}`);
console.log(`machine: ${cpus()[0]?.model ?? '?'} × ${availableParallelism()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`);
/** 1, 5 and 15 minute load averages ('?' where /proc is missing). */
function loadAverage() {
  try {
    return execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
}
console.log(`load average: ${loadAverage()} (other processes skew wall times)`);

/** Runs a command, returning wall ms, CPU ms (user + system) and peak RSS in KB (from /usr/bin/time when present). */
function measure(command, args, { mayFail = false } = {}) {
  const start = performance.now();
  const result = TIME ? spawnSync(TIME, ['-f', '%U %S %M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 }) : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - start;
  if (result.status !== 0 && result.status !== 1) {
    // The in-memory same-work jobs hold the whole archive and may run out of heap at 100k.
    if (mayFail) return { ms: NaN, cpuMs: NaN, maxRssKb: NaN, failed: result.stderr.split('\n').find((line) => /heap|memory|Error/.test(line)) ?? `exit ${result.status}` };
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  }
  const [user, system, maxRssKb] = TIME ? result.stderr.trim().split('\n').at(-1).split(' ').map(Number) : [NaN, NaN, NaN];
  return { ms, cpuMs: (user + system) * 1000, maxRssKb, stdout: result.stdout, stderr: result.stderr };
}

/**
 * bench/same-work-build.mjs bundled like the CLI (esbuild, packages external), so it starts as fast
 * as `wirefeed build` does; node_modules is linked beside it for the external packages.
 */
async function bundleSameWork() {
  const dir = mkdtempSync(join(tmpdir(), 'wirefeed-bench-same-'));
  const { build } = await import('esbuild');
  await build({ entryPoints: ['bench/same-work-build.mjs'], outfile: join(dir, 'same-work.mjs'), bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'error' });
  symlinkSync(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'));
  return { dir, script: join(dir, 'same-work.mjs') };
}

const mb = (bytes) => (bytes / 1e6).toFixed(1);
const table = (rows) => {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  for (const row of rows) console.log(row.map((cell, i) => String(cell).padEnd(widths[i])).join('  '));
};

const sameWork = await bundleSameWork();
/** Per archive size: the figures the targets table reads. */
const figures = new Map();
const started = performance.now();

for (const n of sizes) {
  console.log(`\n## ${n} stories`);
  const content = generateContent(n);

  if (n <= renderMax) {
    const out = spawnSync('node', ['--expose-gc', '--max-old-space-size=12000', '--import', 'tsx', 'bench/render-throughput.mjs', content], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (out.status !== 0) throw new Error(out.stderr);
    const results = out.stdout.trim().split('\n').map((line) => JSON.parse(line));
    const feed = results.find((r) => r.name === 'feed');
    const held = results[0].feeds > 1 ? `${results[0].feeds} feeds of ${Math.ceil(n / results[0].feeds)} stories each` : 'one feed holding all';
    const wirefeed = results.find((r) => r.name === 'wirefeed');
    const limit = results.find((r) => r.name === 'concat limit');
    figures.set(n, { ...figures.get(n), renderOfLimit: limit.ms / wirefeed.ms });
    console.log(`\nRender throughput (in-process, stories parsed; RSS + Atom + JSON Feed of ${held}; best of 3):`);
    table([
      ['renderer', 'ms', 'stories/s', 'MB out', 'MB/s', '× feed'],
      ...results.map((r) => [r.name, r.ms.toFixed(0), Math.round((r.stories / r.ms) * 1000), mb(r.bytes), ((r.bytes / 1e6 / r.ms) * 1000).toFixed(0), (feed.ms / r.ms).toFixed(2)]),
    ]);
  }

  const outCold = mkdtempSync(join(tmpdir(), 'wirefeed-bench-out-'));
  const outFeed = mkdtempSync(join(tmpdir(), 'wirefeed-bench-feed-'));
  const feedJob = measure('node', ['bench/feed-build.mjs', content, outFeed]);
  const outSame = mkdtempSync(join(tmpdir(), 'wirefeed-bench-same-out-'));
  const same = measure('node', [sameWork.script, content, outSame, '0'], { mayFail: true });
  const sameBytes = same.failed ? undefined : ['rss.xml', 'atom.xml', 'feed.json'].reduce((sum, name) => sum + statSync(join(outSame, name)).size, 0);
  const sameParallel = measure('node', [sameWork.script, content, outSame, String(Math.min(availableParallelism(), 8))], { mayFail: true });
  const cold = measure('node', ['bin/wirefeed.js', 'build', '--content', content, '--out', outCold, '--now', NOW]);
  // One story corrected: new version, new headline, same first publication.
  const story = seedLikeStory(Math.floor(n / 2));
  writeFileSync(join(content, 'stories', `story-${String(Math.floor(n / 2)).padStart(6, '0')}.json`), JSON.stringify({ ...story, version: '2', headlines: [{ role: 'main', value: 'Corrected headline' }] }));
  const warm = measure('node', ['bin/wirefeed.js', 'build', '--content', content, '--out', outCold, '--now', NOW]);
  const noChange = measure('node', ['bin/wirefeed.js', 'build', '--content', content, '--out', outCold, '--now', NOW]);
  const outBytes = Number(execFileSync('du', ['-sb', '--exclude=.wirefeed-cache', outCold], { encoding: 'utf8' }).split('\t')[0]);
  const feedBytes = ['rss.xml', 'atom.xml', 'feed.json'].reduce((sum, name) => sum + statSync(join(outFeed, name)).size, 0);
  const row = (name, run, bytes) => [name, run.ms.toFixed(0), (run.cpuMs / 1000).toFixed(1), Math.round((n / run.ms) * 1000), (run.maxRssKb / 1024).toFixed(0), bytes === undefined ? '-' : mb(bytes), (feedJob.ms / run.ms).toFixed(2), (feedJob.cpuMs / run.cpuMs).toFixed(2), (run.maxRssKb / feedJob.maxRssKb).toFixed(2)];
  console.log('\nSame work (read JSON, parse, render, write the three feeds of all stories; child processes):');
  table([
    ['job', 'wall ms', 'CPU s', 'stories/s', 'peak RSS MB', 'MB written', '× feed (wall)', '× feed (CPU)', '× feed (memory)'],
    row('feed package (JSON.parse, lead photo only)', feedJob, feedBytes),
    row('wirefeed core, one thread (validate, sanitize, full Media RSS)', same, sameBytes),
    row(`wirefeed core, ${Math.min(availableParallelism(), 8)} worker threads`, sameParallel, sameBytes),
  ]);
  for (const run of [same, sameParallel]) if (run.failed) console.log(`(a same-work job failed: ${run.failed})`);
  console.log('\nWhole job through a child process (wirefeed build writes the whole site):');
  table([
    ['build', 'wall ms', 'CPU s', 'stories/s', 'peak RSS MB', 'MB written', '× feed (wall)', '× feed (CPU)', '× feed (memory)'],
    row('feed package: one feed of all, 3 formats', feedJob, feedBytes),
    row('wirefeed build, cold (empty out + cache)', cold, outBytes),
    row('wirefeed build, warm (1 story changed)', warm),
    row('wirefeed build, warm (nothing changed)', noChange),
  ]);
  console.log(`cold/warm: ${(cold.ms / warm.ms).toFixed(1)}×`);
  figures.set(n, { ...figures.get(n), feedJob, cold, warm, noChange });
  // The build's fragment cache lies beside its output folder (adapters/fs-build-cache.ts `defaultCacheDir`).
  const cacheCold = join(dirname(outCold), '.wirefeed-cache', basename(outCold));
  for (const dir of [content, outCold, cacheCold, outFeed, outSame]) rmSync(dir, { recursive: true, force: true });
}
rmSync(sameWork.dir, { recursive: true, force: true });

if (existsSync('functions/handlers/publish.ts')) {
  const lambda = await bundleLambda();
  const ms = (value) => value.toFixed(0);
  const requestColumns = ['GET', 'PUT', 'COPY', 'HEAD', 'LIST', 'DELETE', 'other'];
  const publishRuns = [];
  const lambdaSizes = sizes.filter((size) => size <= lambdaMax);
  for (const n of lambdaSizes) {
    const load = n === Math.max(...lambdaSizes);
    console.log(`\n## One-story publish in the Lambda path, ${n} stories (load average ${loadAverage()})`);
    const env = { ...process.env, ...(load && { BENCH_PUBLISH_LOAD: '1' }) };
    const out = spawnSync('node', ['--import', 'tsx', 'bench/publish-one.mjs', lambda.file, String(n)], { encoding: 'utf8', maxBuffer: 1 << 26, env });
    if (out.status !== 0) {
      console.log(`(failed: ${out.stderr.split('\n').filter((line) => /Error|heap|memory/.test(line)).slice(0, 3).join(' / ') || `exit ${out.status}`})`);
      continue;
    }
    const run = JSON.parse(out.stdout.trim().split('\n').at(-1));
    publishRuns.push(run);
    const { seed } = run;
    console.log(`content upload: ${run.upload.objects} objects in ${(run.upload.wallMs / 1000).toFixed(1)} s (straight to s3rver, not counted)`);
    console.log(`seed, {wirefeed:"rebuild"} of the bundled rebuilder: ${(seed.wallMs / 1000).toFixed(1)} s wall, ${(seed.cpuMs / 1000).toFixed(1)} s CPU of the handler process, peak RSS ${ms(seed.maxRssMb)} MB, ${seed.siteObjects} site objects; requests ${requestColumns.map((name) => `${name} ${seed.requests[name]}`).join(', ')}`);
    console.log(`fresh process: cold import of the bundle ${ms(run.coldImport.wallMs)} ms (${ms(run.coldImport.cpuMs)} ms CPU)`);
    table([
      ['publish (one SQS event)', 'wall ms', 'CPU ms', 'peak RSS MB', 'MB read + written', 'GETs answered 304', ...requestColumns],
      ...run.publishes.map((publish) => [publish.label, ms(publish.wallMs), ms(publish.cpuMs), ms(publish.maxRssMb), publish.mbMoved.toFixed(1), publish.notModified, ...requestColumns.map((name) => publish.requests[name])]),
    ]);
    if (run.latency) printLatency(run.latency);
    if (run.burst) printBurst(run.burst);
  }
  if (publishRuns.length > 1) {
    console.log(`\nS3 requests per publish, compared across ${publishRuns.map((run) => run.stories).join(', ')} stories:`);
    for (const [i, { label }] of publishRuns[0].publishes.entries()) {
      const counts = publishRuns.map((run) => JSON.stringify(run.publishes[i]?.requests));
      console.log(`  ${label}: ${counts.every((count) => count === counts[0]) ? 'identical' : `different (${counts.join(' / ')})`}`);
    }
  }

  console.log('\n## Lambda package (functions/handlers/publish.ts)');
  const times = [];
  for (let i = 0; i < 5; i += 1) {
    const out = spawnSync('node', ['-e', `const t = performance.now(); await import(${JSON.stringify(lambda.file)}); console.log(performance.now() - t);`, '--input-type=module'], { encoding: 'utf8' });
    times.push(Number(out.stdout.trim()));
  }
  times.sort((a, b) => a - b);
  // KB = 1 000 bytes, as test/asset holds both bundles to 250,000 bytes.
  const rebuilderBytes = statSync(rebuilderOf(lambda.file)).size;
  console.log(`bundle: ${lambda.bytes} bytes minified ESM (rebuilder's ${rebuilderBytes}); cold import (median of 5 fresh processes): ${times[2]?.toFixed(0)} ms`);
  figures.set('lambda', { bundleKb: Math.max(lambda.bytes, rebuilderBytes) / 1000, importMs: times[2], latency: publishRuns.findLast((run) => run.latency), burst: publishRuns.findLast((run) => run.burst) });
  for (const run of publishRuns) {
    const first = run.publishes[0];
    console.log(`first invoke after the cold import (one new story, ${run.stories}-story archive): ${ms(first.wallMs)} ms wall, ${ms(first.cpuMs)} ms CPU`);
  }
  lambda.remove();
}

printTargets();
console.log(`\nbench took ${((performance.now() - started) / 60_000).toFixed(1)} min (load average now ${loadAverage()})`);

function printLatency(latency) {
  const { wallMs, cpuMs } = latency;
  console.log(`\nPublish latency: ${latency.publishes} new stories, one SQS event each, warm container, proxy +${latency.latencyMs} ms per S3 request; wall from handing the event to the handler until it returns (each story then checked in its 9 feed files):`);
  console.log(`  p50 ${wallMs.p50.toFixed(0)} ms, p99 ${wallMs.p99.toFixed(0)} ms (min ${wallMs.min.toFixed(0)}, max ${wallMs.max.toFixed(0)}); CPU p50 ${cpuMs.p50.toFixed(0)} ms, p99 ${cpuMs.p99.toFixed(0)} ms; ${latency.requestsPerPublish.min}–${latency.requestsPerPublish.max} S3 requests per publish`);
}

function printBurst(burst) {
  const { sqsSource } = burst;
  console.log(`\nBurst: ${burst.stories} stories arriving within ${(burst.firstToLastArrivalMs / 1000).toFixed(1)} s, SQS batches of ≤ ${sqsSource.batchSize} (window ${sqsSource.batchingWindowMs / 1000} s) into ≤ ${sqsSource.maxConcurrency} warm containers, proxy +${burst.latencyMs} ms per request:`);
  console.log(`  all published ${(burst.lastArrivalToAllPublishedMs / 1000).toFixed(1)} s after the last arrival; per story: arrival to published p50 ${(burst.storyDelayMs.p50 / 1000).toFixed(1)} s, max ${(burst.storyDelayMs.max / 1000).toFixed(1)} s`);
  console.log(`  ${burst.invocations} invocations (wall p50 ${(burst.invocationWallMs.p50 / 1000).toFixed(1)} s, max ${(burst.invocationWallMs.max / 1000).toFixed(1)} s), ${burst.redelivered} records handed back, ${burst.preconditionFailures} conditional writes refused`);
  console.log(`  ${burst.requestsPerStory.toFixed(1)} S3 requests per story (${Object.entries(burst.requests).filter(([, count]) => count > 0).map(([name, count]) => `${name} ${count}`).join(', ')}); ${burst.cpuMsPerStory.toFixed(0)} ms of handler CPU per story`);
}

/** Issue 23's targets with this run's figures: one row per target, `-` where this run did not measure it. */
function printTargets() {
  const rows = [['target', 'goal', 'this run', 'status']];
  const status = (value, goal, atMost) => (value === undefined || Number.isNaN(value) ? 'not measured' : (atMost ? value <= goal : value >= goal) ? 'met' : 'MISSED');
  const add = (target, goal, value, atMost, format) => rows.push([target, `${atMost ? '≤' : '≥'} ${format(goal)}`, value === undefined || Number.isNaN(value) ? '-' : format(value), status(value, goal, atMost)]);
  const times = (value) => `${value.toFixed(2)}×`;
  const seconds = (value) => `${(value / 1000).toFixed(2)} s`;
  const ms = (value) => `${value.toFixed(0)} ms`;
  const at10k = figures.get(10000);
  add('cold build 10k: throughput × feed', 1.5, at10k?.cold && at10k.feedJob.ms / at10k.cold.ms, false, times);
  add('cold build 10k: peak memory × feed', 0.25, at10k?.cold && at10k.cold.maxRssKb / at10k.feedJob.maxRssKb, true, times);
  add('warm build 10k, one story changed', 300, at10k?.warm?.ms, true, seconds);
  const at100k = figures.get(100000);
  add('warm build 100k, one story changed', 1000, at100k?.warm?.ms, true, seconds);
  add('warm build 100k, nothing changed', 600, at100k?.noChange?.ms, true, seconds);
  const lambda = figures.get('lambda');
  const latency = lambda?.latency;
  const burst = lambda?.burst;
  add(`publish p50, +25 ms per request (${latency?.stories ?? '-'} stories)`, 1000, latency?.latency.wallMs.p50, true, seconds);
  add(`publish p99 of ${latency?.latency.publishes ?? '-'}`, 1500, latency?.latency.wallMs.p99, true, seconds);
  add(`burst of ${burst?.burst.stories ?? '-'} in 10 s: all published after the last`, 15000, burst?.burst.lastArrivalToAllPublishedMs, true, seconds);
  add('burst: S3 requests per story', 12, burst?.burst.requestsPerStory, true, (value) => value.toFixed(1));
  add('burst: CPU per story', 40, burst?.burst.cpuMsPerStory, true, ms);
  add('bundle size, the larger of the two', 250, lambda?.bundleKb, true, (value) => `${value.toFixed(1)} KB`);
  add('cold import', 100, lambda?.importMs, true, ms);
  console.log(`\n## Issue 23 targets (this run; load average now ${loadAverage()})`);
  table(rows);
  const context = [...figures.entries()].filter(([key]) => typeof key === 'number');
  for (const [n, { cold, feedJob, warm, noChange, renderOfLimit }] of context) {
    const parts = [];
    if (renderOfLimit !== undefined) parts.push(`render ${renderOfLimit.toFixed(2)}× the concatenation limit`);
    if (cold) parts.push(`cold ${seconds(cold.ms)} vs feed ${seconds(feedJob.ms)}, CPU ${(cold.cpuMs / feedJob.cpuMs).toFixed(2)}× feed's`, `warm: one changed ${seconds(warm.ms)}, nothing changed ${seconds(noChange.ms)}`);
    console.log(`  ${n} stories: ${parts.join('; ')}`);
  }
}
