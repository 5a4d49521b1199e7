import { readFileSync } from 'node:fs';
import Parser from 'rss-parser';
import { parseFeed } from '@rowanmanning/feed-parser';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { epochOf, lengthOf, type FeedFormat, type ReaderReport, type ReportedItem, type ReportedMedia, type ReportsByFile } from './reader-report.js';

type Xml2jsNode = { _?: string; $?: Record<string, string> } | string;

const textOf = (node: Xml2jsNode | undefined): string | null => (node === undefined ? null : typeof node === 'string' ? node : (node._ ?? null));

/**
 * rss-parser reads only a fixed set of elements; `customFields` is its documented way to reach the
 * rest, and it hands them back raw (xml2js objects). media:content and dcterms:modified come that way.
 */
const rssParser = new Parser({ customFields: { item: [['media:content', 'mediaContent', { keepArray: true }], 'dcterms:modified'] as never } });
const atomParser = new Parser({ customFields: { item: [['category', 'atomCategories', { keepArray: true }], ['link', 'atomLinks', { keepArray: true }], 'updated'] as never } });

async function readRssParser(path: string, format: FeedFormat): Promise<ReaderReport> {
  const xml = readFileSync(path, 'utf8');
  const feed = await (format === 'rss' ? rssParser : atomParser).parseString(xml);
  const items = feed.items.map((raw): ReportedItem => {
    const item = raw as Record<string, unknown>;
    const attrs = (list: unknown) => ((list ?? []) as Array<{ $?: Record<string, string> }>).map((node) => node.$ ?? {});
    if (format === 'rss') {
      const enclosure = item.enclosure as { url: string; type?: string; length?: string } | undefined;
      return {
        id: (item.guid as string | undefined) ?? null,
        title: (item.title as string | undefined) ?? null,
        link: (item.link as string | undefined) ?? null,
        published: epochOf(item.isoDate as string | undefined),
        updated: epochOf(item['dcterms:modified'] as string | undefined),
        authors: item.creator ? [item.creator as string] : [],
        categories: ((item.categories ?? []) as Xml2jsNode[]).map((node) => textOf(node) ?? ''),
        enclosures: enclosure ? [{ url: enclosure.url, type: enclosure.type ?? null, length: lengthOf(enclosure.length) }] : [],
        media: attrs(item.mediaContent).map((a) => ({ url: a.url ?? null, type: a.type ?? null, length: lengthOf(a.fileSize), medium: a.medium ?? null })),
      };
    }
    return {
      id: (item.id as string | undefined) ?? null,
      title: (item.title as string | undefined) ?? null,
      link: (item.link as string | undefined) ?? null,
      published: epochOf(item.isoDate as string | undefined),
      updated: epochOf(item.updated as string | undefined),
      authors: item.author ? [item.author as string] : [],
      categories: attrs(item.atomCategories).map((a) => a.term ?? ''),
      enclosures: attrs(item.atomLinks).filter((a) => a.rel === 'enclosure').map((a) => ({ url: a.href ?? null, type: a.type ?? null, length: lengthOf(a.length) })),
      media: [],
    };
  });
  return { items, errors: [] };
}

function readRowanmanning(path: string): ReaderReport {
  const feed = parseFeed(readFileSync(path, 'utf8'));
  const items = feed.items.map((item): ReportedItem => ({
    id: item.id,
    title: item.title,
    link: item.url,
    published: epochOf(item.published),
    updated: epochOf(item.updated),
    authors: item.authors.map((author) => author.name).filter((name): name is string => name !== null),
    categories: item.categories.map((category) => category.term),
    // One merged list: RSS enclosure, Atom rel="enclosure" and media:content, deduplicated by URL.
    enclosures: item.media.map((media) => ({ url: media.url, type: media.mimeType, length: media.length })),
    media: [],
  }));
  return { items, errors: [] };
}

function readFeedsmith(path: string, format: FeedFormat): ReaderReport {
  const text = readFileSync(path, 'utf8');
  if (format === 'json') {
    const feed = parseJsonFeed(JSON.parse(text));
    const items = (feed.items ?? []).map((item): ReportedItem => ({
      id: item.id ?? null,
      title: item.title ?? null,
      link: item.url ?? null,
      published: epochOf(item.date_published),
      updated: epochOf(item.date_modified),
      authors: (item.authors ?? []).map((author) => author.name ?? '').filter((name) => name),
      categories: item.tags ?? [],
      enclosures: (item.attachments ?? []).map((a) => ({ url: a.url ?? null, type: a.mime_type ?? null, length: lengthOf(a.size_in_bytes) })),
      media: [],
    }));
    return { items, errors: [] };
  }
  if (format === 'rss') {
    const feed = parseRssFeed(text);
    const items = (feed.items ?? []).map((item): ReportedItem => ({
      id: item.guid?.value ?? null,
      title: item.title ?? null,
      link: item.link ?? null,
      published: epochOf(item.pubDate),
      updated: epochOf([item.dcterms?.modified ?? []].flat()[0]),
      authors: item.dc?.creators ?? [],
      categories: (item.categories ?? []).map((category) => category.name ?? ''),
      enclosures: (item.enclosures ?? []).map((e) => ({ url: e.url ?? null, type: e.type ?? null, length: lengthOf(e.length) })),
      media: mediaContentsOf(item.media),
    }));
    return { items, errors: [] };
  }
  const feed = parseAtomFeed(text);
  const items = (feed.entries ?? []).map((entry): ReportedItem => ({
    id: entry.id ?? null,
    title: atomTextOf(entry.title),
    link: entry.links?.find((link) => (link.rel ?? 'alternate') === 'alternate')?.href ?? null,
    published: epochOf(entry.published),
    updated: epochOf(entry.updated),
    authors: (entry.authors ?? []).map((author) => author.name ?? '').filter((name) => name),
    categories: (entry.categories ?? []).map((category) => category.term ?? ''),
    enclosures: (entry.links ?? []).filter((link) => link.rel === 'enclosure').map((l) => ({ url: l.href ?? null, type: l.type ?? null, length: lengthOf(l.length) })),
    media: [],
  }));
  return { items, errors: [] };
}

/** feedsmith gives an Atom text construct as a string or as `{ value, type }` depending on its version. */
function atomTextOf(text: unknown): string | null {
  if (text === undefined || text === null) return null;
  return typeof text === 'string' ? text : ((text as { value?: string }).value ?? null);
}

function mediaContentsOf(media: unknown): ReportedMedia[] {
  const contents = ((media as { contents?: Array<Record<string, unknown>> } | undefined)?.contents ?? []);
  return contents.map((c) => ({ url: (c.url as string) ?? null, type: (c.type as string) ?? null, length: lengthOf(c.fileSize), medium: (c.medium as string) ?? null }));
}

/** Runs one Node reader over files; a parser that throws is a reported error, not a crash of the suite. */
async function readAll(files: Array<{ path: string; format: FeedFormat }>, read: (path: string, format: FeedFormat) => Promise<ReaderReport> | ReaderReport): Promise<ReportsByFile> {
  const reports: ReportsByFile = {};
  for (const { path, format } of files) {
    try {
      reports[path] = await read(path, format);
    } catch (error) {
      reports[path] = { items: [], errors: [`threw: ${(error as Error).message}`] };
    }
  }
  return reports;
}

/** rss-parser over RSS and Atom files. */
export const readWithRssParser = (files: Array<{ path: string; format: FeedFormat }>) => readAll(files, readRssParser);
/** @rowanmanning/feed-parser over RSS and Atom files. */
export const readWithRowanmanning = (files: Array<{ path: string; format: FeedFormat }>) => readAll(files, readRowanmanning);
/** feedsmith over RSS, Atom and JSON Feed files. */
export const readWithFeedsmith = (files: Array<{ path: string; format: FeedFormat }>) => readAll(files, readFeedsmith);
