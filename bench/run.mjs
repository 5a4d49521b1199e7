// `npm run bench`: every measurement side by side in one run, printed as tables (issue 9).
// BENCH_SIZES=1000,10000,100000 picks the archive sizes (default 1000,10000); BENCH_RENDER_MAX caps
// the in-process render benchmark (default 100000: it holds all parsed stories, 5.5 GB of memory at 100k,
// and renders feeds of at most 10k stories);
// BENCH_LAMBDA_MAX caps the Lambda publish bench (default 10000: see bench/publish-one.mjs).
// Figures only; nothing here asserts a timing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { generateContent, seedLikeStory } from './generate-stories.mjs';
import { bundleLambda } from './lambda-bundle.mjs';

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

for (const n of sizes) {
  console.log(`\n## ${n} stories`);
  const content = generateContent(n);

  if (n <= renderMax) {
    const out = spawnSync('node', ['--expose-gc', '--max-old-space-size=12000', '--import', 'tsx', 'bench/render-throughput.mjs', content], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (out.status !== 0) throw new Error(out.stderr);
    const results = out.stdout.trim().split('\n').map((line) => JSON.parse(line));
    const feed = results.find((r) => r.name === 'feed');
    const held = results[0].feeds > 1 ? `${results[0].feeds} feeds of ${Math.ceil(n / results[0].feeds)} stories each` : 'one feed holding all';
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
  for (const n of sizes.filter((size) => size <= lambdaMax)) {
    console.log(`\n## One-story publish in the Lambda path, ${n} stories (load average ${loadAverage()})`);
    const out = spawnSync('node', ['--import', 'tsx', 'bench/publish-one.mjs', lambda.file, String(n)], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (out.status !== 0) {
      console.log(`(failed: ${out.stderr.split('\n').filter((line) => /Error|heap|memory/.test(line)).slice(0, 3).join(' / ') || `exit ${out.status}`})`);
      continue;
    }
    const run = JSON.parse(out.stdout.trim().split('\n').at(-1));
    publishRuns.push(run);
    const { seed } = run;
    console.log(`content upload: ${run.upload.objects} objects in ${(run.upload.wallMs / 1000).toFixed(1)} s (straight to s3rver, not counted)`);
    console.log(`seed, {wirefeed:"rebuild"} of the bundled handler: ${(seed.wallMs / 1000).toFixed(1)} s wall, ${(seed.cpuMs / 1000).toFixed(1)} s CPU of the handler process, peak RSS ${ms(seed.maxRssMb)} MB, ${seed.siteObjects} site objects; requests ${requestColumns.map((name) => `${name} ${seed.requests[name]}`).join(', ')}`);
    console.log(`fresh process: cold import of the bundle ${ms(run.coldImport.wallMs)} ms (${ms(run.coldImport.cpuMs)} ms CPU)`);
    table([
      ['publish (one SQS event)', 'wall ms', 'CPU ms', 'peak RSS MB', 'MB read + written', 'GETs answered 304', ...requestColumns],
      ...run.publishes.map((publish) => [publish.label, ms(publish.wallMs), ms(publish.cpuMs), ms(publish.maxRssMb), publish.mbMoved.toFixed(1), publish.notModified, ...requestColumns.map((name) => publish.requests[name])]),
    ]);
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
  console.log(`bundle: ${(lambda.bytes / 1024).toFixed(0)} KB minified ESM; cold import (median of 5 fresh processes): ${times[2]?.toFixed(0)} ms`);
  for (const run of publishRuns) {
    const first = run.publishes[0];
    console.log(`first invoke after the cold import (one new story, ${run.stories}-story archive): ${ms(first.wallMs)} ms wall, ${ms(first.cpuMs)} ms CPU`);
  }
  lambda.remove();
}
