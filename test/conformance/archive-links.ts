import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Story } from '../../functions/core/story.js';
import { archiveFilesOf, feedFilesOf, type BuiltSite, type FeedFile } from './build-sites.js';
import { feedSetHistory, feedSetOf } from './expected-feed.js';
import type { FeedFormat } from './reader-report.js';
import { walkXml, XML_NS } from './xml-walk.js';

const FH = 'http://purl.org/syndication/history/1.0';

/** What one feed document says about paging (RFC 5005 §3–4), read with saxes or JSON.parse. */
interface PagingFacts {
  ids: string[];
  archive: boolean;
  /** rel → href; JSON Feed: `next_url` is the older page (prev-archive), `_wirefeed.current` is current. */
  links: Record<string, string | undefined>;
}

function pagingOf(feed: FeedFile): PagingFacts {
  const text = readFileSync(feed.path, 'utf8');
  if (feed.format === 'json') {
    const json = JSON.parse(text) as { items: Array<{ id: string }>; next_url?: string; _wirefeed?: { archive?: boolean; current?: string } };
    return { ids: json.items.map((item) => item.id), archive: json._wirefeed?.archive === true, links: { 'prev-archive': json.next_url, current: json._wirefeed?.current } };
  }
  const elements = walkXml(text);
  const depth = feed.format === 'rss' ? 2 : 1; // rss/channel/atom:link, feed/link
  const links: Record<string, string | undefined> = {};
  for (const e of elements) if (e.uri === XML_NS.atom && e.local === 'link' && e.path.length === depth && e.attributes.rel) links[e.attributes.rel] = e.attributes.href;
  const ids = elements
    .filter((e) => (feed.format === 'rss' ? e.uri === '' && e.local === 'guid' : e.uri === XML_NS.atom && e.local === 'id' && e.path.length === 2))
    .map((e) => e.text.trim());
  return { ids, archive: elements.some((e) => e.uri === FH && e.local === 'archive' && e.path.length === depth), links };
}

const FILE_OF: Record<FeedFormat, string> = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' };

/**
 * RFC 5005 checks of every archive page of a site: `fh:archive` (JSON: `_wirefeed.archive`), a
 * `current` link to the subscription feed, `prev-archive` to page n − 1 and `next-archive` to page
 * n + 1 exactly when those pages exist, every link naming a file the build wrote; then, per feed set
 * and format, following `prev-archive` from the subscription feed (JSON Feed: `next_url`) visits
 * every page once and sees every story the feed set ever published, newest first, each archived on
 * exactly one page. Problems are keyed by the file they are about.
 */
export function checkArchives(site: BuiltSite, stories: Story[]): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  const report = (file: FeedFile, problem: string) => problems.set(file.path, [...(problems.get(file.path) ?? []), problem]);
  const base = `${site.site.baseUrl}/`;
  const pathOf = (url: string | undefined) => (url?.startsWith(base) ? url.slice(base.length) : undefined);
  const urlOf = (folder: string, format: FeedFormat) => `${base}${folder ? `${folder}/` : ''}${FILE_OF[format]}`;
  const archives = archiveFilesOf(site);

  for (const subscription of feedFilesOf(site)) {
    const { slug } = feedSetOf(subscription.folder);
    const pages = archives.filter((a) => a.format === subscription.format && feedSetOf(a.folder).slug === slug && a.folder.startsWith(subscription.folder));
    const newest = pages.length;
    const expectLink = (file: FeedFile, facts: PagingFacts, rel: string, folder: string | undefined) => {
      const href = facts.links[rel];
      const want = folder === undefined ? undefined : urlOf(folder, file.format);
      if (href !== want) report(file, `${rel}: expected ${want ?? 'none'}, got ${href ?? 'none'}`);
      const path = pathOf(href);
      if (href !== undefined && (!path || !existsSync(join(site.outDir, path)))) report(file, `${rel}: ${href} is not a file the build wrote`);
    };
    const archiveFolder = (n: number) => `${subscription.folder ? `${subscription.folder}/` : ''}archive/${n}`;

    // The subscription document: not an archive, prev-archive to the newest page.
    const head = pagingOf(subscription);
    if (head.archive) report(subscription, 'fh:archive on the subscription feed');
    expectLink(subscription, head, 'prev-archive', newest > 0 ? archiveFolder(newest) : undefined);
    pages.forEach((page, index) => {
      const n = index + 1;
      if (page.folder !== archiveFolder(n)) report(page, `archive pages are not numbered 1…${newest}`);
      const facts = pagingOf(page);
      if (!facts.archive) report(page, page.format === 'json' ? 'no _wirefeed.archive: true' : 'no fh:archive element');
      expectLink(page, facts, 'current', subscription.folder);
      expectLink(page, facts, 'prev-archive', n > 1 ? archiveFolder(n - 1) : undefined);
      if (page.format !== 'json') expectLink(page, facts, 'next-archive', n < newest ? archiveFolder(n + 1) : undefined);
    });

    // Follow prev-archive from the subscription feed, as a reader rebuilding the history does.
    const seen: string[] = [];
    const archived = new Map<string, number>();
    const visited: string[] = [];
    let path: string | undefined = subscription.relative;
    while (path && !visited.includes(path) && visited.length <= newest) {
      visited.push(path);
      const facts = pagingOf({ ...subscription, path: join(site.outDir, path) });
      for (const id of facts.ids) {
        if (!seen.includes(id)) seen.push(id);
        if (facts.archive) archived.set(id, (archived.get(id) ?? 0) + 1);
      }
      path = pathOf(facts.links['prev-archive']);
    }
    if (visited.length !== newest + 1) report(subscription, `prev-archive chain visits ${visited.length} documents, expected ${newest + 1}: ${visited.join(' → ')}`);
    const history = feedSetHistory(site, slug, stories).map((story) => story.id);
    if (JSON.stringify(seen) !== JSON.stringify(history)) report(subscription, `history via prev-archive: expected ${JSON.stringify(history)}, got ${JSON.stringify(seen)}`);
    for (const [id, count] of archived) if (count > 1) report(subscription, `history via prev-archive: ${id} is archived on ${count} pages`);
  }
  return problems;
}
