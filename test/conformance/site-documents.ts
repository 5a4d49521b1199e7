import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOpml } from 'feedsmith';
import type { Story } from '../../functions/core/story.js';
import { feedFilesOf, type BuiltSite, type FeedFile } from './build-sites.js';
import { latestVersions, type ExpectedItem } from './expected-feed.js';
import { storyPath } from '../../functions/core/story-path.js';
import { requireTool } from './system-readers.js';
import { walkXml } from './xml-walk.js';

/** The site-wide documents next to the feeds. */
export type SiteDocument = 'news-sitemap' | 'opml' | 'xsl';
/** File of each document in a built site. */
export const DOCUMENT_FILES: Record<SiteDocument, string> = { 'news-sitemap': 'news-sitemap.xml', opml: 'feeds.opml', xsl: 'feed.xsl' };

export const SITEMAP_SCHEMA = new URL('./schemas/sitemap-news.rnc', import.meta.url).pathname;
const NEWS = 'http://www.google.com/schemas/sitemap-news/0.9';
/** Google News takes articles from the last two days (partners.md §1b). */
const TWO_DAYS_MS = 2 * 86_400_000;

/** A site URL → the file it names in the build, or undefined when it is not under the base URL. */
function fileOf(site: BuiltSite, url: string): string | undefined {
  const base = `${site.site.baseUrl}/`;
  return url.startsWith(base) ? join(site.outDir, decodeURIComponent(url.slice(base.length).split(/[?#]/)[0]!)) : undefined;
}

const exists = (site: BuiltSite, url: string) => {
  const file = fileOf(site, url);
  return file !== undefined && existsSync(file);
};




/**
 * The news sitemap lists exactly the released stories first published in the two days before the
 * build, newest first, each with its page (a file the build wrote), the site title as publication
 * name, the story's ISO 639 language (zh-cn/zh-tw for Chinese), its first publication to the second
 * and its title. Returns problems and the number of entries.
 */
export function checkNewsSitemap(site: BuiltSite, stories: Story[]): { problems: string[]; entries: number } {
  const now = site.now.getTime();
  const want = [...latestVersions(stories).values()]
    .filter((s) => s.status === 'usable' && (!s.embargoedUntil || s.embargoedUntil.getTime() <= now))
    .filter((s) => s.published.getTime() > now - TWO_DAYS_MS && s.published.getTime() <= now)
    .sort((a, b) => b.published.getTime() - a.published.getTime() || (a.id < b.id ? -1 : 1));
  const elements = walkXml(readFileSync(join(site.outDir, DOCUMENT_FILES['news-sitemap']), 'utf8'));
  const urls: Array<Record<string, string>> = [];
  for (const e of elements) {
    if (e.local === 'url') urls.push({});
    else if (urls.length > 0 && (e.local === 'loc' || e.uri === NEWS)) urls[urls.length - 1]![e.local] = e.text.trim();
  }
  const problems: string[] = [];
  if (urls.length !== want.length) problems.push(`entries: expected ${want.length} stories from the last two days, got ${urls.length}`);
  want.forEach((story, index) => {
    const got = urls[index];
    if (!got) return;
    const link = `${site.site.baseUrl}/${storyPath(story)}`;
    const language = isoLanguage(story.language ?? site.site.language);
    const at = `url ${index + 1} (${story.id})`;
    if (got.loc !== link) problems.push(`${at}: loc ${got.loc}, expected ${link}`);
    if (!exists(site, got.loc ?? '')) problems.push(`${at}: loc ${got.loc} is not a page the build wrote`);
    if (got.name !== site.site.title) problems.push(`${at}: news:name ${JSON.stringify(got.name)}, expected the site title`);
    if (got.language !== language) problems.push(`${at}: news:language ${got.language}, expected ${language}`);
    if (Math.floor(Date.parse(got.publication_date ?? '') / 1000) !== Math.floor(story.published.getTime() / 1000)) problems.push(`${at}: news:publication_date ${got.publication_date} is not the first publication`);
    if (got.title !== story.title.trim()) problems.push(`${at}: news:title ${JSON.stringify(got.title)}, expected ${JSON.stringify(story.title.trim())}`);
  });
  return { problems, entries: urls.length };
}

/** ISO 639 as Google News wants it: the primary subtag, lowercase, zh-cn or zh-tw for Chinese. */
function isoLanguage(tag: string | undefined): string {
  const lower = (tag ?? 'und').toLowerCase();
  if (lower.startsWith('zh')) return /-(tw|hk|mo|hant)/.test(lower) ? 'zh-tw' : 'zh-cn';
  return lower.split('-')[0]!;
}

/**
 * feeds.opml read with feedsmith `parseOpml`: one `type="rss"` outline per subscription RSS feed
 * (main and every section), each `xmlUrl` a file the build wrote.
 */
export function checkOpml(site: BuiltSite): { problems: string[]; entries: number } {
  const problems: string[] = [];
  let outlines: Array<{ type?: string; xmlUrl?: string }>;
  try {
    outlines = (parseOpml(readFileSync(join(site.outDir, DOCUMENT_FILES.opml), 'utf8')).body?.outlines ?? []) as typeof outlines;
  } catch (error) {
    return { problems: [`parseOpml threw: ${(error as Error).message}`], entries: 0 };
  }
  const want = feedFilesOf(site).filter((feed) => feed.format === 'rss').map((feed) => feed.url);
  const got = outlines.map((outline) => outline.xmlUrl ?? '');
  if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`outlines: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  for (const outline of outlines) {
    if (outline.type !== 'rss') problems.push(`outline ${outline.xmlUrl}: type ${JSON.stringify(outline.type)}, expected "rss"`);
    if (!exists(site, outline.xmlUrl ?? '')) problems.push(`outline ${outline.xmlUrl}: xmlUrl is not a file the build wrote`);
  }
  return { problems, entries: outlines.length };
}

/** The `<a>` texts and hrefs of the story list in the page the stylesheet made. */
function storyLinks(html: string): Array<{ href: string; text: string }> {
  const list = /<ul class="stories">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li>\s*<a href="([^"]*)">([\s\S]*?)<\/a>/g)].map((m) => ({ href: decodeHtml(m[1]!), text: decodeHtml(m[2]!) }));
}

function decodeHtml(value: string): string {
  return value
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/**
 * feed.xsl applied by xsltproc (libxslt, Debian xsltproc) to an RSS or Atom feed: the page lists
 * every item's title and link, in the feed's order; and the feed's `xml-stylesheet` instruction
 * names this stylesheet, a file the build wrote.
 */
export function checkFeedXsl(feed: FeedFile, expected: ExpectedItem[]): string[] {
  const xsltproc = requireTool({ path: '/usr/bin/xsltproc', debianPackage: 'xsltproc' });
  const problems: string[] = [];
  const href = /<\?xml-stylesheet type="text\/xsl" href="([^"]+)"\?>/.exec(readFileSync(feed.path, 'utf8'))?.[1];
  if (href !== `${feed.site.site.baseUrl}/${DOCUMENT_FILES.xsl}` || !exists(feed.site, href)) problems.push(`xml-stylesheet: ${href ?? 'none'} is not the site's feed.xsl`);
  const result = spawnSync(xsltproc, ['--nonet', join(feed.site.outDir, DOCUMENT_FILES.xsl), feed.path], { encoding: 'utf8' });
  if (result.status !== 0) return [...problems, `xsltproc exited ${result.status}: ${result.stderr.trim()}`];
  const got = storyLinks(result.stdout).map((link) => ({ href: link.href, text: link.text.trim() }));
  const want = expected.map((item) => ({ href: item.link, text: item.title }));
  if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`page: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  return problems;
}
