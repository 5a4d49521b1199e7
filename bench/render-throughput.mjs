// Render throughput, in-process, stories already parsed: node --import tsx bench/render-throughput.mjs DIR.
// Prints one JSON line per renderer: { name, stories, feeds, ms, bytes }. Best of `BENCH_REPEAT` runs (default 3)
// after one warm-up, so JIT warm-up and a stray GC pause do not decide the figure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStory } from '../functions/core/ninjs/parse-story.js';
import { parseSiteConfig } from '../functions/core/site-config.js';
import { compareNewestFirst } from '../functions/core/newest-first.js';
import { fsMediaCatalog, listStoryFiles } from '../functions/adapters/fs-content.js';
import { assembleFromFragments, renderConcat, renderFeedPackage, renderFeedsmith, renderWirefeed, renderWirefeedItems } from './renderers.mjs';

const dir = process.argv[2];
const repeat = Number(process.env.BENCH_REPEAT ?? 3);
const site = parseSiteConfig(JSON.parse(readFileSync(join(dir, 'site.json'), 'utf8')), {});
const stories = listStoryFiles(dir)
  .map((file) => parseStory(readFileSync(file.path), { source: file.display, baseUrl: site.baseUrl }))
  .sort(compareNewestFirst);
const catalog = fsMediaCatalog(dir);

const renderers = [
  ['feed', (s) => renderFeedPackage(s, site)],
  ['feedsmith', (s) => renderFeedsmith(s, site)],
  ['wirefeed', (s) => renderWirefeed(s, site, catalog)],
  ['concat limit', (s) => renderConcat(s, site)],
];
// wirefeed's build renders each story's fragments once and caches them; feeds are then concatenation.
const cached = new WeakMap();
renderers.push(['wirefeed, fragments cached', (s) => {
  if (!cached.has(s)) cached.set(s, renderWirefeedItems(s, site, catalog));
  return assembleFromFragments(cached.get(s), site);
}]);

// One feed holds at most FEED_MAX stories: one of 100k would be a string longer than V8 allows
// (2^29 − 24 characters) for feedsmith's XML and for the JSON Feed. More stories are rendered as
// several feeds of FEED_MAX: the same work per story, each output released before the next.
const FEED_MAX = Number(process.env.BENCH_RENDER_FEED_MAX ?? 10000);
const feeds = [];
for (let i = 0; i < stories.length; i += FEED_MAX) feeds.push(stories.slice(i, i + FEED_MAX));

const warmup = stories.slice(0, Math.min(200, stories.length));
for (const [, render] of renderers) render(warmup);

for (const [name, render] of renderers) {
  let best = Infinity;
  let bytes = 0;
  for (let run = 0; run < repeat; run += 1) {
    let ms = 0;
    bytes = 0;
    for (const feed of feeds) {
      globalThis.gc?.();
      const start = process.hrtime.bigint();
      const out = render(feed);
      ms += Number(process.hrtime.bigint() - start) / 1e6;
      bytes += Buffer.byteLength(out.rss) + Buffer.byteLength(out.atom) + Buffer.byteLength(out.json);
    }
    best = Math.min(best, ms);
  }
  console.log(JSON.stringify({ name, stories: stories.length, feeds: feeds.length, ms: best, bytes }));
}
