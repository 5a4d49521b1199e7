import type { FeedFile } from './build-sites.js';
import type { FeedFormat, ItemField, ReportsByFile } from './reader-report.js';
import { readWithFeedparser, readWithRome, readWithSimplePie } from './system-readers.js';
import { readWithFeedsmith, readWithRowanmanning, readWithRssParser } from './node-readers.js';

/** An independent feed reader, what it can see per format, and why it cannot see the rest. */
export interface Reader {
  name: string;
  /** Item fields compared, per format it reads. A format missing here is one the reader does not read. */
  fields: Partial<Record<FeedFormat, ItemField[]>>;
  /** What the reader cannot see or gets wrong, stated in docs/conformance.md; never a silent skip. */
  notes: string[];
  read(files: FeedFile[]): Promise<ReportsByFile> | ReportsByFile;
}

const ALL: ItemField[] = ['id', 'title', 'link', 'published', 'updated', 'authors', 'categories', 'enclosures', 'photos'];
const paths = (files: FeedFile[]) => files.map((file) => file.path);
const withFormat = (files: FeedFile[]) => files.map((file) => ({ path: file.path, format: file.format }));

/** Every reader in the matrix. */
export const READERS: Reader[] = [
  {
    name: 'feedparser (Python, Debian python3-feedparser)',
    fields: { rss: [...ALL, 'media'], atom: ALL },
    notes: [
      '`bozo` must be 0: any bozo exception fails the feed.',
      'Reads no JSON Feed: the Debian version, 6.0.10, has no JSON parser (`feedparser/parsers/` holds only the XML ones).',
    ],
    read: (files) => readWithFeedparser(paths(files)),
  },
  {
    name: 'SimplePie (PHP, Debian libphp-simplepie 1.3.1)',
    fields: { rss: ['id', 'title', 'link', 'published', 'updated', 'authors', 'categories', 'photos'], atom: ['id', 'title', 'link', 'published', 'updated', 'authors', 'categories', 'photos'] },
    notes: [
      '`get_enclosures()` merges RSS `enclosure` and `media:content` into one list, so only the union of photos is compared (RSS), not which element carried each.',
      '1.3.1 does not run on PHP 8 as packaged: the driver subclasses `SimplePie_Parse_Date` to swap `implode()` arguments and give fraction-less W3C dates a `.0`; parsing is still SimplePie\'s.',
      '`get_updated_date()` in 1.3.1 parses the published date; the driver reads `atom:updated`/`dcterms:modified` with `get_item_tags()` and SimplePie\'s date parser instead.',
      'Enclosure links come back HTML-escaped with an empty `?#` appended by `SimplePie_IRI` on PHP 8, and an item without media gets a `//` placeholder; the driver undoes exactly these.',
      'Reads no JSON Feed.',
    ],
    read: (files) => readWithSimplePie(paths(files)),
  },
  {
    name: 'ROME (Java, Debian librome-java 1.12)',
    fields: { rss: [...ALL, 'media'], atom: ALL },
    notes: [
      'ROME core has no Media RSS or DC-terms module (rome-modules is not packaged): `media:content` and `dcterms:modified` are read from the entry\'s foreign markup, as ROME parsed it.',
      'Atom categories come back as the term only (`SyndCategory.getName()`), compared with the section slug.',
      'Reads no JSON Feed.',
    ],
    read: (files) => readWithRome(paths(files)),
  },
  {
    name: 'rss-parser (Node)',
    fields: { rss: [...ALL, 'media'], atom: ALL },
    notes: [
      '`media:content`, `dcterms:modified`, Atom `category`, `link rel="enclosure"` and `updated` are not mapped by rss-parser; they are read through its documented `customFields` option (raw attributes).',
      'Keeps one author per item (`creator`/`author`); our items have at most one byline.',
      'Reads no JSON Feed.',
    ],
    read: (files) => readWithRssParser(withFormat(files)),
  },
  {
    name: '@rowanmanning/feed-parser (Node)',
    fields: { rss: ['id', 'title', 'link', 'published', 'authors', 'categories', 'photos'], atom: ['id', 'title', 'link', 'published', 'updated', 'authors', 'categories', 'photos'] },
    notes: [
      'RSS `updated` is not compared: it does not read `dcterms:modified` and reports the `pubDate` as updated.',
      '`media` merges enclosures and `media:content` by URL, so only the union of photos is compared.',
      'An Atom entry without an author inherits the feed author (RFC 4287 §4.2.1), so `[site title]` is accepted there.',
      'Reads no JSON Feed.',
    ],
    read: (files) => readWithRowanmanning(files),
  },
  {
    name: 'feedsmith (Node)',
    fields: { rss: [...ALL, 'media'], atom: ALL, json: ALL },
    notes: [],
    read: (files) => readWithFeedsmith(withFormat(files)),
  },
];
