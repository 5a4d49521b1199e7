// Two checkouts of wirefeed measured by this checkout's bench, in alternating runs (A, B, A, B, …),
// so both see the same load on a shared machine and only the code under test differs: "nothing
// gets slower" (issue 21) compares a change against the code before it this way.
//
//   node bench/alternate.mjs <label>=<checkout> <label>=<checkout> [rounds]   → tables on stdout
//
// Each checkout needs its dist/ built (`node scripts/build.mjs`) and a node_modules. Per round and
// checkout: the CLI's cold build of BENCH_ALT_STORIES (10000) generated stories (one archive for
// both, from bench/generate-stories.mjs), then warm builds with one story corrected and with
// nothing changed; bench/publish-one.mjs at BENCH_ALT_PUBLISH_STORIES (1000) with the checkout's
// bundled publisher (new stories and corrections, one SQS event each: CPU and S3 requests). Then,
// because a warm build or an import is short enough for one busy moment to decide a run, on their
// own: after one cold build each, BENCH_ALT_WARM_ROUNDS (9) rounds of warm builds (a new correction
// each round, then nothing changed) in alternating order (A B, B A, …); and BENCH_ALT_IMPORTS (30)
// cold imports of each bundle, publisher and rebuilder, alternating one process at a time (wall, and
// CPU inside the process). A checkout without functions/handlers/rebuild-step.ts (the rebuild was
// once a command of the publisher) seeds with, and counts as its rebuilder, its publisher's bundle.
// BENCH_ALT_SKIP=cli,publish leaves parts out. Prints every run, then medians, spread and the
// second checkout's medians over the first's. Figures only.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { generateContent, seedLikeStory } from './generate-stories.mjs';
import { bundleLambda, rebuilderOf } from './lambda-bundle.mjs';

const args = process.argv.slice(2);
const sides = args.filter((arg) => arg.includes('=')).map((arg) => {
  const [label, dir] = arg.split('=');
  return { label, dir: resolve(dir) };
});
const rounds = Number(args.find((arg) => !arg.includes('=')) ?? 3);
if (sides.length !== 2 || !Number.isInteger(rounds) || rounds < 1) throw new Error('usage: node bench/alternate.mjs <before>=<checkout> <after>=<checkout> [rounds]');
for (const { dir } of sides) if (!existsSync(join(dir, 'dist', 'cli.js'))) throw new Error(`${dir}: no dist/cli.js (run node scripts/build.mjs there)`);
const stories = Number(process.env.BENCH_ALT_STORIES ?? 10000);
const publishStories = Number(process.env.BENCH_ALT_PUBLISH_STORIES ?? 1000);
const skip = new Set((process.env.BENCH_ALT_SKIP ?? '').split(',').filter(Boolean));
const warmCount = Number(process.env.BENCH_ALT_WARM_ROUNDS ?? 9);
const importCount = Number(process.env.BENCH_ALT_IMPORTS ?? 30);
const NOW = '2100-01-01T00:00:00Z';
const loadAverage = () => execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ');

/** Wall ms, CPU ms (user + system, from /usr/bin/time) and peak RSS MB of a child process. */
function measure(command, commandArgs) {
  const start = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M', command, ...commandArgs], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallMs = performance.now() - start;
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed:\n${result.stderr}`);
  const [user, system, maxRssKb] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wallMs, cpuMs: (user + system) * 1000, rssMb: maxRssKb / 1024 };
}

/** Wall and CPU ms of `await import(file)` in a fresh process (CPU from process.cpuUsage around it). */
function coldImport(file) {
  const script = `const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(file)}); const w = performance.now() - t; const { user, system } = process.cpuUsage(c); console.log(w, (user + system) / 1000);`;
  const out = spawnSync('node', ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stderr);
  const [wallMs, cpuMs] = out.stdout.trim().split(' ').map(Number);
  return { wallMs, cpuMs };
}

const storyFile = (content, n) => join(content, 'stories', `story-${String(n).padStart(6, '0')}.json`);
const corrected = (n, round) => JSON.stringify({ ...seedLikeStory(n), version: String(round + 1), headlines: [{ role: 'main', value: `Corrected headline ${round}` }] });
/** Output folder and the fragment cache beside it (adapters/fs-build-cache.ts). */
const outputFolders = (out) => [out, join(dirname(out), '.wirefeed-cache', basename(out))];

/** Cold build, warm with one story corrected, warm with nothing changed; leaves the archive as it found it. */
function cliRun(side, content) {
  const out = mkdtempSync(join(tmpdir(), `wirefeed-alt-out-${side.label}-`));
  const build = () => measure('node', [join(side.dir, 'bin/wirefeed.js'), 'build', '--content', content, '--out', out, '--now', NOW]);
  const middle = Math.floor(stories / 2);
  const cold = build();
  const outBytes = Number(execFileSync('du', ['-sb', out], { encoding: 'utf8' }).split('\t')[0]);
  writeFileSync(storyFile(content, middle), corrected(middle, 1));
  const warm = build();
  const noChange = build();
  writeFileSync(storyFile(content, middle), JSON.stringify(seedLikeStory(middle), null, 2));
  for (const dir of outputFolders(out)) rmSync(dir, { recursive: true, force: true });
  return { cold, warm, noChange, outBytes };
}

/** One cold build each, then `count` rounds of warm builds, the checkouts' order swapped every round. */
function warmRounds(content, count) {
  const build = (side) => measure('node', [join(side.dir, 'bin/wirefeed.js'), 'build', '--content', content, '--out', side.warmOut, '--now', NOW]);
  for (const side of sides) {
    side.warmOut = mkdtempSync(join(tmpdir(), `wirefeed-alt-warm-${side.label}-`));
    side.warmRuns = [];
    build(side);
  }
  const middle = Math.floor(stories / 2);
  for (let round = 1; round <= count; round += 1) {
    writeFileSync(storyFile(content, middle), corrected(middle, round));
    const order = round % 2 ? sides : [...sides].reverse();
    const load = loadAverage();
    const warm = new Map(order.map((side) => [side, build(side)]));
    for (const side of order) side.warmRuns.push({ round, load, warm: warm.get(side), noChange: build(side) });
  }
  writeFileSync(storyFile(content, middle), JSON.stringify(seedLikeStory(middle), null, 2));
  for (const side of sides) for (const dir of outputFolders(side.warmOut)) rmSync(dir, { recursive: true, force: true });
}

/** `count` cold imports of each side's two bundles, the sides alternating one process at a time. */
function importRounds(count) {
  for (const side of sides) side.imports = { publisher: [], rebuilder: [] };
  for (let i = 0; i < count; i += 1) {
    for (const side of i % 2 ? [...sides].reverse() : sides) {
      side.imports.publisher.push(coldImport(side.bundle.file));
      side.imports.rebuilder.push(coldImport(rebuilderOf(side.bundle.file)));
    }
  }
}

/** bench/publish-one.mjs with the side's bundle: per publish kind, wall, CPU and S3 requests. */
function publishRun(side) {
  const out = spawnSync('node', ['--import', 'tsx', 'bench/publish-one.mjs', side.bundle.file, String(publishStories)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (out.status !== 0) throw new Error(`publish-one (${side.label}) failed:\n${out.stderr}`);
  const run = JSON.parse(out.stdout.trim().split('\n').at(-1));
  const requests = (publish) => Object.values(publish.requests).reduce((sum, count) => sum + count, 0);
  const pick = (label) => run.publishes.find((publish) => publish.label === label);
  const warmNew = run.publishes.filter((publish) => /^new story \d/.test(publish.label));
  const figure = (publishes) => ({ cpuMs: median(publishes.map((p) => p.cpuMs)), wallMs: median(publishes.map((p) => p.wallMs)), requests: median(publishes.map(requests)) });
  return {
    seed: { wallMs: run.seed.wallMs, cpuMs: run.seed.cpuMs },
    first: figure([pick('new story, first invoke')]),
    newStory: figure(warmNew),
    correctionNewest: figure([pick('correction of the newest story')]),
    correctionMiddle: figure([pick('correction of a mid-archive story')]),
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

console.log(`alternating bench — ${new Date().toISOString()}, load ${loadAverage()}, ${rounds} rounds, ${sides.map((s) => `${s.label}=${s.dir}`).join(' ')}`);
for (const side of sides) {
  // This checkout's esbuild options for both: the sides differ in code only.
  side.bundle = await bundleLambda({ root: side.dir, label: `alt-${side.label}` });
  side.runs = [];
  console.log(`${side.label}: publisher ${side.bundle.bytes} bytes, rebuilder ${side.bundle.rebuilderBytes} bytes`);
}
const content = skip.has('cli') ? undefined : generateContent(stories);
const started = performance.now();
try {
  for (let round = 1; round <= rounds; round += 1) {
    for (const side of sides) {
      const run = { round, load: loadAverage(), at: new Date().toISOString() };
      if (content) Object.assign(run, cliRun(side, content));
      if (!skip.has('publish')) run.publish = publishRun(side);
      side.runs.push(run);
      console.log(JSON.stringify({ side: side.label, ...run }));
    }
  }
  if (content && warmCount > 0) {
    console.log(`warm rounds from ${new Date().toISOString()}, load ${loadAverage()}`);
    warmRounds(content, warmCount);
    for (const side of sides) for (const run of side.warmRuns) console.log(JSON.stringify({ side: side.label, ...run }));
  }
  console.log(`cold imports from ${new Date().toISOString()}, load ${loadAverage()}`);
  importRounds(importCount);
} finally {
  if (content) rmSync(content, { recursive: true, force: true });
  for (const side of sides) side.bundle.remove();
}

/** Each figure's median (min–max) per side over `runsOf(side)`, and the second side's median over the first's. */
const figures = [
  ...(content
    ? [
        [`cold build ${stories}, wall ms`, (side) => side.runs, (r) => r.cold.wallMs],
        [`cold build ${stories}, CPU ms`, (side) => side.runs, (r) => r.cold.cpuMs],
        [`cold build ${stories}, peak RSS MB`, (side) => side.runs, (r) => r.cold.rssMb],
        [`cold build ${stories}, output bytes`, (side) => side.runs, (r) => r.outBytes],
        ['warm in the rounds, one changed, CPU ms', (side) => side.runs, (r) => r.warm.cpuMs],
        ['warm in the rounds, nothing changed, CPU ms', (side) => side.runs, (r) => r.noChange.cpuMs],
        ...(warmCount > 0
          ? [
              [`warm (${warmCount} rounds), one changed, wall ms`, (side) => side.warmRuns, (r) => r.warm.wallMs],
              [`warm (${warmCount} rounds), one changed, CPU ms`, (side) => side.warmRuns, (r) => r.warm.cpuMs],
              [`warm (${warmCount} rounds), one changed, peak RSS MB`, (side) => side.warmRuns, (r) => r.warm.rssMb],
              [`warm (${warmCount} rounds), nothing changed, wall ms`, (side) => side.warmRuns, (r) => r.noChange.wallMs],
              [`warm (${warmCount} rounds), nothing changed, CPU ms`, (side) => side.warmRuns, (r) => r.noChange.cpuMs],
            ]
          : []),
      ]
    : []),
  ...(skip.has('publish')
    ? []
    : [
        ['publish: first invoke, CPU ms', (side) => side.runs, (r) => r.publish.first.cpuMs],
        ['publish: new story (warm), CPU ms', (side) => side.runs, (r) => r.publish.newStory.cpuMs],
        ['publish: new story (warm), wall ms', (side) => side.runs, (r) => r.publish.newStory.wallMs],
        ['publish: new story, requests', (side) => side.runs, (r) => r.publish.newStory.requests],
        ['publish: correction newest, CPU ms', (side) => side.runs, (r) => r.publish.correctionNewest.cpuMs],
        ['publish: correction newest, requests', (side) => side.runs, (r) => r.publish.correctionNewest.requests],
        ['publish: correction mid-archive, CPU ms', (side) => side.runs, (r) => r.publish.correctionMiddle.cpuMs],
        ['publish: correction mid-archive, requests', (side) => side.runs, (r) => r.publish.correctionMiddle.requests],
        [`rebuild ${publishStories} (seeding), wall ms`, (side) => side.runs, (r) => r.publish.seed.wallMs],
        [`rebuild ${publishStories} (seeding), CPU ms`, (side) => side.runs, (r) => r.publish.seed.cpuMs],
      ]),
  [`cold import of the publisher (${importCount}), wall ms`, (side) => side.imports.publisher, (r) => r.wallMs],
  [`cold import of the publisher (${importCount}), CPU ms`, (side) => side.imports.publisher, (r) => r.cpuMs],
  [`cold import of the rebuilder (${importCount}), wall ms`, (side) => side.imports.rebuilder, (r) => r.wallMs],
  [`cold import of the rebuilder (${importCount}), CPU ms`, (side) => side.imports.rebuilder, (r) => r.cpuMs],
];
const [a, b] = sides;
const cell = (values) => (values.length ? `${median(values).toFixed(0)} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})` : '-');
const rows = [['figure', `${a.label} median (min–max)`, `${b.label} median (min–max)`, `${b.label}/${a.label}`]];
for (const [name, runsOf, of] of figures) {
  const [va, vb] = [runsOf(a).map(of), runsOf(b).map(of)];
  rows.push([name, cell(va), cell(vb), va.length && vb.length ? (median(vb) / median(va)).toFixed(2) : '-']);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
console.log(`\n${rounds} alternating rounds and the rest in ${((performance.now() - started) / 60_000).toFixed(1)} min; load ${loadAverage()} at the end; at each round's runs: ${sides.flatMap((s) => s.runs.map((r) => r.load.split(' ')[0])).join(', ')}`);
for (const row of rows) console.log(row.map((value, i) => value.padEnd(widths[i])).join('  '));
console.log(`bundles: ${sides.map((s) => `${s.label} publisher ${s.bundle.bytes} B, rebuilder ${s.bundle.rebuilderBytes} B`).join('; ')}`);
