import { readFileSync } from 'node:fs';
import type { FeedFile } from './build-sites.js';
import type { ExpectedItem } from './expected-feed.js';
import { compareReport } from './compare-report.js';
import { checkJsonFeedRules, checkJsonFeedSchema } from './json-feed-rules.js';
import { checkEncoding, checkXmlFeed } from './partner-rules.js';
import { READERS, type Reader } from './readers.js';
import type { FeedFormat } from './reader-report.js';
import { lintXml, validateRelaxNg } from './system-readers.js';

/** One cell of the matrix: a reader or validator over every file of one format. */
export interface MatrixCell {
  check: string;
  format: FeedFormat;
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

/** Runs every reader once over all the files of the formats it reads and compares with the sources. */
export async function runReaders(feeds: FeedUnderTest[], readers: Reader[] = READERS): Promise<MatrixCell[]> {
  const cells: MatrixCell[] = [];
  for (const reader of readers) {
    const formats = Object.keys(reader.fields) as FeedFormat[];
    const files = feeds.filter(({ feed }) => formats.includes(feed.format));
    const reports = await reader.read(files.map(({ feed }) => feed));
    for (const format of formats) {
      const fields = reader.fields[format]!;
      const ofFormat = files.filter(({ feed }) => feed.format === format);
      const problems = ofFormat.flatMap(({ feed, expected }) => compareReport(feed, reports[feed.path], expected, fields).map((p) => `${feed.site.name}/${feed.relative}: ${p}`));
      cells.push({ check: reader.name, format, files: ofFormat.length, items: ofFormat.reduce((n, f) => n + f.expected.length, 0), problems, fields });
    }
  }
  return cells;
}

/** Runs the validators and partner rules over every file. */
export function runValidators(feeds: FeedUnderTest[]): MatrixCell[] {
  const cell = (check: string, format: FeedFormat, run: (feed: FeedFile) => string[]): MatrixCell => {
    const files = feeds.filter(({ feed }) => feed.format === format);
    const problems = files.flatMap(({ feed }) => run(feed).map((p) => `${feed.site.name}/${feed.relative}: ${p}`));
    return { check, format, files: files.length, items: files.reduce((n, f) => n + f.expected.length, 0), problems };
  };
  const xmlRules = (feed: FeedFile) => [...checkEncoding(readFileSync(feed.path)), ...checkXmlFeed(feed, readFileSync(feed.path, 'utf8'))];
  const jsonOf = (feed: FeedFile) => JSON.parse(readFileSync(feed.path, 'utf8')) as Record<string, unknown>;
  return [
    cell('xmllint (well-formed, namespaces)', 'rss', (feed) => lintXml(feed.path)),
    cell('xmllint (well-formed, namespaces)', 'atom', (feed) => lintXml(feed.path)),
    cell('jing + RFC 4287 RELAX NG', 'atom', (feed) => validateRelaxNg(ATOM_SCHEMA, feed.path)),
    cell('ajv + JSON Feed 1.1 schema', 'json', (feed) => checkJsonFeedSchema(jsonOf(feed))),
    cell('JSON Feed 1.1 rules beyond the schema', 'json', (feed) => [...checkEncoding(readFileSync(feed.path)), ...checkJsonFeedRules(feed, jsonOf(feed))]),
    cell('partner rules', 'rss', xmlRules),
    cell('partner rules', 'atom', xmlRules),
  ];
}
