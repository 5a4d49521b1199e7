import { readFileSync } from 'node:fs';
import { parseAtomFeed, parseRssFeed } from 'feedsmith';
import RssParser from 'rss-parser';
import type { FeedFile } from './build-sites.js';
import type { ReportsByFile } from './reader-report.js';
import { READERS } from './readers.js';

/** Item id → body HTML, as one reader read one file. */
type Bodies = Map<string, string | undefined>;

/**
 * The body of every item as RSS `content:encoded` and Atom `content` carry it, read by rss-parser,
 * feedsmith and ROME (readers that hand back the HTML as the XML holds it; feedparser and SimplePie
 * rewrite it through their sanitizers, @rowanmanning/feed-parser decodes its entities), compared
 * with the JSON Feed's `content_html` of the same feed set. One line per item that differs.
 * ROME is here for a reason: its XML healer rewrites `&amp;` as `&#38;` inside CDATA sections, a
 * difference the other readers would not show (docs/performance.md, section 1).
 */
export async function bodyMismatches(files: FeedFile[]): Promise<string[]> {
  const problems: string[] = [];
  const rome = READERS.find((reader) => reader.name.startsWith('ROME'))!;
  const romeReports = await rome.read(files.filter((file) => file.format !== 'json'));
  const sets = new Map<string, FeedFile[]>();
  for (const file of files) {
    const key = `${file.site.name}/${file.folder}`;
    sets.set(key, [...(sets.get(key) ?? []), file]);
  }
  for (const set of sets.values()) {
    const json = set.find((file) => file.format === 'json');
    if (!json) continue;
    const want = new Map((JSON.parse(readFileSync(json.path, 'utf8')) as { items: Array<{ id: string; content_html?: string }> }).items.map((item) => [item.id, item.content_html]));
    for (const file of set.filter((f) => f.format !== 'json')) {
      const xml = readFileSync(file.path, 'utf8');
      const bodies = { ...(await readBodies(xml, file.format === 'rss')), ROME: romeBodies(romeReports, file) };
      for (const [reader, got] of Object.entries(bodies)) {
        if (got.size !== want.size) problems.push(`${file.site.name}/${file.relative}: ${reader} read ${got.size} items, the JSON Feed has ${want.size}`);
        for (const [id, body] of got) {
          if (body !== want.get(id)) problems.push(`${file.site.name}/${file.relative}: ${reader} read another body for ${id}`);
        }
      }
    }
  }
  return problems;
}

async function readBodies(xml: string, rss: boolean): Promise<Record<string, Bodies>> {
  const parsed = await new RssParser().parseString(xml);
  const rssParser: Bodies = new Map(parsed.items.map((item) => [String(rss ? item.guid : item.id), rss ? (item['content:encoded'] as string | undefined) : item.content]));
  const feedsmith: Bodies = rss
    ? new Map((parseRssFeed(xml).items ?? []).map((item) => [String(item.guid?.value), item.content?.encoded]))
    : new Map((parseAtomFeed(xml).entries ?? []).map((entry) => [String(entry.id), contentValue(entry.content)]));
  return { 'rss-parser': rssParser, feedsmith };
}

/** feedsmith gives Atom `content` as its text, or as an object holding it, depending on its version. */
function contentValue(content: unknown): string | undefined {
  if (typeof content === 'string' || content === undefined) return content;
  return (content as { value?: string }).value;
}

function romeBodies(reports: ReportsByFile, file: FeedFile): Bodies {
  return new Map((reports[file.path]?.items ?? []).map((item) => [String(item.id), item.content ?? undefined]));
}
