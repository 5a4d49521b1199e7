// The `feed`-package whole job, for comparison with `wirefeed build`: read every story's JSON, map it
// straightforwardly, render RSS, Atom and JSON Feed of the whole archive, write the three files.
// node bench/feed-build.mjs CONTENT OUT — prints { ms, maxRssKb } as JSON.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newFeedPackageFeed } from './feed-package-channel.mjs';

const [contentDir, outDir] = process.argv.slice(2);
const start = performance.now();
const site = JSON.parse(readFileSync(join(contentDir, 'site.json'), 'utf8'));
const names = readdirSync(join(contentDir, 'stories')).filter((name) => name.endsWith('.json')).sort();
const stories = names.map((name) => JSON.parse(readFileSync(join(contentDir, 'stories', name), 'utf8')));
stories.sort((a, b) => Date.parse(b.firstCreated) - Date.parse(a.firstCreated));
const feed = newFeedPackageFeed(site, new Date(stories[0]?.versionCreated ?? 0));
for (const story of stories) {
  const lead = story.associations?.find((a) => a.type === 'picture')?.renditions?.[0];
  feed.addItem({
    title: story.headlines?.[0]?.value ?? '',
    id: story.uri,
    link: `${site.baseUrl}/stories/${encodeURIComponent(story.uri)}.html`,
    description: story.descriptions?.[0]?.value,
    content: story.bodies?.[0]?.value,
    author: story.by ? [{ name: story.by }] : [],
    date: new Date(story.versionCreated),
    published: new Date(story.firstCreated),
    category: (story.subjects ?? []).map((s) => ({ name: s.name, domain: s.uri })),
    ...(lead && { image: { url: `${site.baseUrl}/${lead.href}`, type: lead.contentType } }),
  });
}
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'rss.xml'), feed.rss2());
writeFileSync(join(outDir, 'atom.xml'), feed.atom1());
writeFileSync(join(outDir, 'feed.json'), feed.json1());
console.log(JSON.stringify({ ms: performance.now() - start, maxRssKb: process.resourceUsage().maxRSS }));
