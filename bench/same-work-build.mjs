// "Same work" as bench/feed-build.mjs, done by wirefeed's core: read every story's JSON, parse and
// validate it, plan its media, render its RSS, Atom and JSON Feed fragments, assemble the three
// feeds of the whole archive newest first, write the three files. Not a user-facing build: it exists
// so the bench can put wirefeed and the `feed` package side by side on one job. run.mjs bundles it
// with esbuild (like the CLI), then: node same-work.mjs CONTENT OUT [WORKERS] — prints
// { ms, maxRssKb, stories } as JSON. With WORKERS > 0, worker threads parse and render interleaved
// shares of the files (as the CLI build does) and the main thread assembles and writes.
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseStory } from '../functions/core/ninjs/parse-story.js';
import { parseSiteConfig } from '../functions/core/site-config.js';
import { planMedia } from '../functions/core/media/plan-media.js';
import { buildFeedItem } from '../functions/core/feed-item.js';
import { renderItem } from '../functions/core/rendered-item.js';
import { assembleFeed, renderFeedIn } from '../functions/core/feed.js';
import { FORMATS } from '../functions/core/formats/registry.js';
import { fsMediaCatalog, listStoryFiles } from '../functions/adapters/fs-content.js';

/** Parses and renders `files`; a file that does not parse is left out, as a build refuses it. */
function renderShare(contentDir, site, files) {
  const catalog = fsMediaCatalog(contentDir);
  const out = [];
  for (const file of files) {
    let story;
    try {
      story = parseStory(readFileSync(file.path), { source: file.display, baseUrl: site.baseUrl });
    } catch {
      continue;
    }
    const plan = planMedia(story, catalog, site.baseUrl);
    if (plan.problems.length > 0) continue;
    out.push({ published: story.published.getTime(), id: story.id, rendered: renderItem(buildFeedItem(story, plan, site.baseUrl)) });
  }
  return out;
}

if (isMainThread) {
  const [contentDir, outDir, workersArg] = process.argv.slice(2);
  const workers = Number(workersArg ?? 0);
  const start = performance.now();
  const site = parseSiteConfig(JSON.parse(readFileSync(join(contentDir, 'site.json'), 'utf8')), {});
  const files = listStoryFiles(contentDir);
  let entries;
  if (workers > 0) {
    const shares = await Promise.all(
      Array.from({ length: workers }, (_, k) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { contentDir, site, files: files.filter((_, i) => i % workers === k) } });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
      ),
    );
    entries = shares.flat();
  } else {
    entries = renderShare(contentDir, site, files);
  }
  // Newest first, as compareNewestFirst orders stories (first publication, then id).
  entries.sort((a, b) => b.published - a.published || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const feed = assembleFeed(site, '', site, entries.map((entry) => entry.rendered), undefined, entries.length);
  mkdirSync(outDir, { recursive: true });
  for (const format of FORMATS) {
    const fd = openSync(join(outDir, format.fileName), 'w');
    writeSync(fd, renderFeedIn(format, feed));
    closeSync(fd);
  }
  console.log(JSON.stringify({ ms: performance.now() - start, maxRssKb: process.resourceUsage().maxRSS, stories: entries.length }));
} else {
  const { contentDir, site, files } = workerData;
  parentPort.postMessage(renderShare(contentDir, site, files));
}
