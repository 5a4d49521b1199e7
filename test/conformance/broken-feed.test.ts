import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, type BuiltSite, type FeedFile } from './build-sites.js';
import { runReaders, runValidators, type FeedUnderTest, type MatrixCell } from './conformance-matrix.js';
import type { ExpectedItem } from './expected-feed.js';
import type { FeedFormat } from './reader-report.js';
import { removeRomeClasses } from './system-readers.js';

/** The suite must fail on these: a check that passes a broken feed proves nothing. */
const BROKEN_DIR = join(FIXTURES_DIR, 'broken');
const site = {
  name: 'broken',
  contentDir: BROKEN_DIR,
  outDir: BROKEN_DIR,
  site: { title: 'Broken', description: 'Broken', baseUrl: 'https://feeds.example.org/wire', language: 'en', itemLimit: 50, hubs: [] },
} as unknown as BuiltSite;

const feedFile = (relative: string, format: FeedFormat): FeedFile => ({ site, kind: 'feed', relative, folder: '', path: join(BROKEN_DIR, relative), format, url: `https://feeds.example.org/wire/${relative}` });

/** What a correct feed with the one story these fixtures started from would hold. */
const ONE_ITEM: ExpectedItem = {
  id: 'urn:broken:1', title: 'Undeclared prefix and raw ampersand', link: 'https://feeds.example.org/wire/stories/a.html',
  published: Date.UTC(2024, 2, 1, 9) / 1000, updated: Date.UTC(2024, 2, 1, 9) / 1000, authors: [],
  categories: { rss: [], atom: [], json: [] }, photos: [{ url: 'https://feeds.example.org/wire/media/a.jpg', type: 'image/jpeg', length: 12129 }],
};

describe('a deliberately broken feed is caught', () => {
  const feeds: FeedUnderTest[] = [
    { feed: feedFile('rss-not-well-formed.xml', 'rss'), expected: [ONE_ITEM] },
    { feed: feedFile('rss-rule-breaks.xml', 'rss'), expected: [ONE_ITEM] },
    { feed: feedFile('atom.xml', 'atom'), expected: [ONE_ITEM] },
    { feed: feedFile('feed.json', 'json'), expected: [ONE_ITEM] },
  ];
  let cells: MatrixCell[] = [];
  const problems = (check: string, format: FeedFormat, file?: string) =>
    cells.filter((c) => c.check.startsWith(check) && c.format === format).flatMap((c) => c.problems).filter((p) => !file || p.startsWith(`broken/${file}:`)).join('\n');

  beforeAll(async () => {
    cells = [...(await runReaders(feeds)), ...runValidators(feeds)];
  });

  afterAll(removeRomeClasses);

  it('fails the undeclared media: prefix and the raw & in xmllint, feedparser (bozo) and every reader comparison', () => {
    expect(problems('xmllint', 'rss', 'rss-not-well-formed.xml')).toMatch(/Namespace prefix media on content is not defined/);
    expect(problems('xmllint', 'rss', 'rss-not-well-formed.xml')).toMatch(/EntityRef: expecting ';'/);
    expect(problems('feedparser', 'rss', 'rss-not-well-formed.xml')).toMatch(/reader error: bozo/);
    expect(problems('partner rules', 'rss', 'rss-not-well-formed.xml')).toMatch(/entities: raw & or entity XML does not declare: "&h"/);
    for (const cell of cells.filter((c) => c.format === 'rss' && c.fields)) expect(cell.problems.length, cell.check).toBeGreaterThan(0);
  });

  it('fails each partner rule a reader forgives', () => {
    const found = problems('partner rules', 'rss', 'rss-rule-breaks.xml');
    expect(found).toMatch(/rfc822: <pubDate>Sat, 01 Mar 2024 09:00:00 EST<\/pubDate>/);
    expect(found).toMatch(/rfc822: <pubDate>2024-03-01T09:00:00Z<\/pubDate>/);
    expect(found).toMatch(/self-link: expected one rel="self" href="https:\/\/feeds\.example\.org\/wire\/rss-rule-breaks\.xml"/);
    expect(found).toMatch(/language: expected en, got undefined/);
    expect(found).toMatch(/media-medium: media:content .* has medium=undefined/);
    expect(found).toMatch(/ids: duplicate id urn:broken:1/);
    expect(found).toMatch(/url: <enclosure url> "media\/a\.jpg" is not an absolute/);
    expect(found).toMatch(/url: <link> "\/stories\/a\.html" is not an absolute/);
    expect(found).toMatch(/url: <content url> "https:\/\/feeds\.example\.org\/wire\/media\/Café photo\.jpg" is not an absolute, percent-encoded/);
    expect(found).toMatch(/entities: content HTML holds the named entity &nbsp;/);
    expect(found).toMatch(/url: content HTML "media\/a\.jpg"/);
  });

  it('fails the Atom feed in the RELAX NG schema and the rules', () => {
    const schema = problems('jing', 'atom');
    expect(schema).toMatch(/missing required element "id"/);
    expect(schema).toMatch(/must be an ISO date and time/);
    expect(problems('partner rules', 'atom')).toMatch(/self-link: .* got \["https:\/\/feeds\.example\.org\/atom\.xml"\]/);
    expect(problems('partner rules', 'atom')).toMatch(/url: <link href> "media\/a\.jpg"/);
    expect(problems('feedsmith', 'atom')).not.toBe('');
  });

  it('fails the JSON Feed in the schema and in the rules a schema cannot express', () => {
    const schema = problems('ajv', 'json');
    expect(schema).toMatch(/\/items\/0\/url: must match format "uri"/);
    expect(schema).toMatch(/\/items\/0\/attachments\/2: must have required property 'mime_type'/);
    expect(schema).toMatch(/\/items\/1\/date_published: must match format "date-time"/);
    const rules = problems('JSON Feed 1.1 rules', 'json');
    expect(rules).toMatch(/ids: duplicate id urn:broken:1/);
    expect(rules).toMatch(/dates: \/items\/0: date_modified is before date_published/);
    expect(rules).toMatch(/attachments: \/items\/0: two attachments titled "Delegates"/);
    expect(rules).toMatch(/self-link: feed_url/);
    expect(rules).toMatch(/language: expected en/);
    expect(rules).toMatch(/named entity &eacute;/);
  });

  it('keeps the fixtures broken: they are not feeds our build could have written', () => {
    expect(readFileSync(join(BROKEN_DIR, 'rss-not-well-formed.xml'), 'utf8')).toContain('&h=2');
  });
});
