import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Story } from '../../functions/core/story.js';
import type { BuiltSite, FeedFile, FeedKind } from './build-sites.js';
import { checkArchives } from './archive-links.js';
import { checkPartnerIdentity } from './partner-feeds.js';
import { checkFeedXsl, checkNewsSitemap, checkOpml, DOCUMENT_FILES, SITEMAP_SCHEMA, type SiteDocument } from './site-documents.js';
import type { ExpectedItem } from './expected-feed.js';
import { compareReport } from './compare-report.js';
import { checkJsonFeedRules, checkJsonFeedSchema } from './json-feed-rules.js';
import { checkEncoding, checkXmlFeed } from './partner-rules.js';
import { READERS, type Reader } from './readers.js';
import type { FeedFormat, ItemField } from './reader-report.js';
import { lintXmlFiles, validateRelaxNgFiles } from './system-readers.js';

/** What a cell covers: a kind of feed file, or one of the site documents. */
export type MatrixKind = FeedKind | SiteDocument;

/** One cell of the matrix: a reader or validator over every file of one kind and format. */
export interface MatrixCell {
  check: string;
  kind: MatrixKind;
  /** The feed format; site documents have none. */
  format?: FeedFormat;
  files: number;
  items: number;
  /** `file: problem` lines; the cell passes when empty. */
  problems: string[];
  fields?: string[];
}

/** A feed file with the items the source stories say it must hold. */
export interface FeedUnderTest {
  feed: FeedFile;
  expected: ExpectedItem[];
}

const ATOM_SCHEMA = new URL('./schemas/atom.rnc', import.meta.url).pathname;
const KINDS: FeedKind[] = ['feed', 'archive', 'partner'];

/**
 * What a partner feed is compared on: identity, title, link, dates and categories. Photos are the
 * partner's rendition choice (imageMinWidth), and Flipboard always writes a dc:creator; both are
 * checked in test/partners.
 */
const PARTNER_FIELDS: ItemField[] = ['id', 'title', 'link', 'published', 'updated', 'categories'];

/** Fields a reader is compared on for a kind of file and format; none when it does not read the format. */
export function fieldsFor(reader: Reader, kind: FeedKind, format: FeedFormat): ItemField[] | undefined {
  const fields = reader.fields[format];
  return fields && kind === 'partner' ? fields.filter((field) => PARTNER_FIELDS.includes(field)) : fields;
}

/** Splits files into cells by kind and format, keeping only the (kind, format) pairs that have files. */
function byKindAndFormat(feeds: FeedUnderTest[], formats: FeedFormat[]): Array<{ kind: FeedKind; format: FeedFormat; files: FeedUnderTest[] }> {
  return KINDS.flatMap((kind) => formats.map((format) => ({ kind, format, files: feeds.filter(({ feed }) => feed.kind === kind && feed.format === format) })))
    .filter(({ files }) => files.length > 0);
}

const itemsOf = (files: FeedUnderTest[]) => files.reduce((n, f) => n + f.expected.length, 0);
const prefixed = (feed: FeedFile, problems: string[]) => problems.map((p) => `${feed.site.name}/${feed.relative}: ${p}`);

/** Runs every reader once over all the files of the formats it reads and compares with the sources. */
export async function runReaders(feeds: FeedUnderTest[], readers: Reader[] = READERS): Promise<MatrixCell[]> {
  const cells: MatrixCell[] = [];
  for (const reader of readers) {
    const formats = Object.keys(reader.fields) as FeedFormat[];
    const files = feeds.filter(({ feed }) => formats.includes(feed.format));
    const reports = await reader.read(files.map(({ feed }) => feed));
    for (const { kind, format, files: group } of byKindAndFormat(files, formats)) {
      const fields = fieldsFor(reader, kind, format)!;
      const problems = group.flatMap(({ feed, expected }) => prefixed(feed, compareReport(feed, reports[feed.path], expected, fields)));
      cells.push({ check: reader.name, kind, format, files: group.length, items: itemsOf(group), problems, fields });
    }
  }
  return cells;
}

/** Runs the validators and partner rules over every file; xmllint and jing start once per batch. */
export function runValidators(feeds: FeedUnderTest[]): MatrixCell[] {
  const xmlFiles = feeds.filter(({ feed }) => feed.format !== 'json').map(({ feed }) => feed.path);
  const lint = lintXmlFiles(xmlFiles);
  const atom = validateRelaxNgFiles(ATOM_SCHEMA, feeds.filter(({ feed }) => feed.format === 'atom').map(({ feed }) => feed.path));
  const cells = (check: string, formats: FeedFormat[], run: (feed: FeedFile) => string[]): MatrixCell[] =>
    byKindAndFormat(feeds, formats).map(({ kind, format, files }) => {
      const problems = files.flatMap(({ feed }) => prefixed(feed, run(feed)));
      return { check, kind, format, files: files.length, items: itemsOf(files), problems };
    });
  const xmlRules = (feed: FeedFile) => [...checkEncoding(readFileSync(feed.path)), ...checkXmlFeed(feed, readFileSync(feed.path, 'utf8'))];
  const jsonOf = (feed: FeedFile) => JSON.parse(readFileSync(feed.path, 'utf8')) as Record<string, unknown>;
  return [
    ...cells('xmllint (well-formed, namespaces)', ['rss', 'atom'], (feed) => lint.get(feed.path) ?? ['not linted']),
    ...cells('jing + RFC 4287 RELAX NG', ['atom'], (feed) => atom.get(feed.path) ?? ['not validated']),
    ...cells('ajv + JSON Feed 1.1 schema', ['json'], (feed) => checkJsonFeedSchema(jsonOf(feed))),
    ...cells('JSON Feed 1.1 rules beyond the schema', ['json'], (feed) => [...checkEncoding(readFileSync(feed.path)), ...checkJsonFeedRules(feed, jsonOf(feed))]),
    ...cells('partner rules', ['rss', 'atom'], xmlRules),
  ];
}

/**
 * Checks that look across files of a site: RFC 5005 links and the history behind `prev-archive`
 * (archive pages), partner items' identity against the main feed and MSN kills (partner feeds).
 */
export function runCrossChecks(feeds: FeedUnderTest[], storiesOf: (site: BuiltSite) => Story[]): MatrixCell[] {
  const sites = [...new Set(feeds.map(({ feed }) => feed.site))];
  const archiveProblems = new Map<string, string[]>();
  for (const site of sites) for (const [path, problems] of checkArchives(site, storiesOf(site))) archiveProblems.set(path, problems);
  const cells: MatrixCell[] = [];
  for (const format of ['rss', 'atom', 'json'] as FeedFormat[]) {
    const pages = feeds.filter(({ feed }) => feed.format === format && feed.kind === 'archive');
    if (pages.length === 0) continue;
    // Subscription feeds carry the prev-archive chain: their problems count in the archive cell.
    const problems = feeds
      .filter(({ feed }) => feed.format === format && (feed.kind === 'archive' || feed.kind === 'feed'))
      .flatMap(({ feed }) => prefixed(feed, archiveProblems.get(feed.path) ?? []));
    cells.push({ check: 'RFC 5005 links and history', kind: 'archive', format, files: pages.length, items: itemsOf(pages), problems });
  }
  const partners = feeds.filter(({ feed }) => feed.kind === 'partner');
  if (partners.length > 0) {
    const problems = partners.flatMap(({ feed }) => prefixed(feed, checkPartnerIdentity(feed, storiesOf(feed.site))));
    cells.push({ check: 'identity with the main feed, MSN kills', kind: 'partner', format: 'rss', files: partners.length, items: itemsOf(partners), problems });
  }
  return cells;
}

/** xmllint, jing, feedsmith and xsltproc over the site documents: news sitemap, OPML list, feed XSL. */
export function runDocumentChecks(sites: BuiltSite[], feeds: FeedUnderTest[], storiesOf: (site: BuiltSite) => Story[]): MatrixCell[] {
  const cell = (check: string, kind: SiteDocument, run: (site: BuiltSite) => { problems: string[]; entries: number }): MatrixCell => {
    const results = sites.map((site) => ({ site, ...run(site) }));
    const problems = results.flatMap(({ site, problems }) => problems.map((p) => `${site.name}/${DOCUMENT_FILES[kind]}: ${p}`));
    return { check, kind, files: sites.length, items: results.reduce((n, r) => n + r.entries, 0), problems };
  };
  const plain = (run: (site: BuiltSite) => string[]) => (site: BuiltSite) => ({ problems: run(site), entries: 0 });
  const paths = (kind: SiteDocument) => sites.map((site) => join(site.outDir, DOCUMENT_FILES[kind]));
  const lint = lintXmlFiles((Object.keys(DOCUMENT_FILES) as SiteDocument[]).flatMap(paths));
  const sitemaps = validateRelaxNgFiles(SITEMAP_SCHEMA, paths('news-sitemap'));
  const lintOf = (kind: SiteDocument) => plain((site) => lint.get(join(site.outDir, DOCUMENT_FILES[kind])) ?? ['not linted']);
  const viewed = feeds.filter(({ feed }) => feed.format !== 'json' && feed.kind !== 'partner');
  const xslProblems = viewed.flatMap(({ feed, expected }) => prefixed(feed, checkFeedXsl(feed, expected)));
  return [
    cell('xmllint (well-formed, namespaces)', 'news-sitemap', lintOf('news-sitemap')),
    cell('jing + sitemap-news 0.9 RELAX NG', 'news-sitemap', plain((site) => sitemaps.get(join(site.outDir, DOCUMENT_FILES['news-sitemap'])) ?? ['not validated'])),
    cell('news sitemap entries vs source stories', 'news-sitemap', (site) => checkNewsSitemap(site, storiesOf(site))),
    cell('xmllint (well-formed, namespaces)', 'opml', lintOf('opml')),
    cell('feedsmith parseOpml, every xmlUrl exists', 'opml', checkOpml),
    cell('xmllint (well-formed, namespaces)', 'xsl', lintOf('xsl')),
    { check: 'xsltproc feed.xsl over every RSS and Atom feed and archive page', kind: 'xsl', files: viewed.length, items: itemsOf(viewed), problems: xslProblems },
  ];
}
