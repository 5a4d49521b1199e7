import { parseAtomFeed, parseRssFeed } from 'feedsmith';
import type { CheckedFeed, CheckedImage, CheckedItem } from './checked-feed.js';
import { FeedSyntaxError, outlineXml, type XmlOutline } from './xml-outline.js';

const ATOM = 'http://www.w3.org/2005/Atom';

/**
 * Reads a built RSS 2.0 or Atom 1.0 file into what the preflight rules check. Well-formedness,
 * namespaces and sizes come from saxes; fields from feedsmith's `parseRssFeed`/`parseAtomFeed`,
 * parsers we do not render with, so `wirefeed check` judges a feed the way a partner's reader sees it.
 */
export function readFeed(xml: string): CheckedFeed {
  const outline = outlineXml(xml);
  if (outline.root === 'rss' && outline.rootNamespace === '') return readRss(xml, outline);
  if (outline.root === 'feed' && outline.rootNamespace === ATOM) return readAtom(xml, outline);
  throw new FeedSyntaxError(`not an RSS 2.0 or Atom 1.0 feed (root element <${outline.root}>)`);
}

/** The parts of feedsmith's RSS result the rules read. */
interface RssMediaContent {
  url?: string;
  type?: string;
  width?: number;
  height?: number;
  credits?: Array<{ value?: string }>;
  description?: { value?: string };
}
interface RssItem {
  title?: string;
  link?: string;
  description?: string;
  pubDate?: string;
  guid?: { value?: string };
  enclosures?: Array<{ url?: string; type?: string; length?: number }>;
  content?: { encoded?: string };
  dc?: { creators?: string[]; creator?: string };
  dcterms?: { modified?: string[]; valid?: string[] };
  media?: { contents?: RssMediaContent[]; thumbnails?: Array<{ url?: string }>; group?: { contents?: RssMediaContent[] } };
  atom?: { updated?: string };
}

function readRss(xml: string, outline: XmlOutline): CheckedFeed {
  const feed = parseRssFeed(xml) as { title?: string; link?: string; description?: string; language?: string; items?: RssItem[] };
  const items = (feed.items ?? []).map((item, index): CheckedItem => {
    const valid = item.dcterms?.valid?.[0]?.match(/(?:^|;)\s*end=([^;]+)/)?.[1];
    const modified = item.dcterms?.modified?.[0] ?? item.atom?.updated;
    const media = [...(item.media?.contents ?? []), ...(item.media?.group?.contents ?? [])];
    return {
      ...defined('id', item.guid?.value),
      ...defined('title', item.title),
      ...defined('link', item.link),
      ...defined('publishedText', item.pubDate),
      ...definedDate('published', item.pubDate),
      ...definedDate('modified', modified),
      ...definedDate('validEnd', valid?.trim()),
      ...defined('description', item.description),
      ...defined('content', item.content?.encoded),
      creators: item.dc?.creators ?? (item.dc?.creator ? [item.dc.creator] : []),
      enclosures: (item.enclosures ?? []).filter((e) => e.url).map((e) => ({ url: e.url!, ...defined('type', e.type) })),
      media: media.filter((m) => m.url).map(mediaImage),
      thumbnails: (item.media?.thumbnails ?? []).map((t) => t.url).filter((url): url is string => Boolean(url)),
      bytes: outline.itemBytes[index] ?? 0,
    };
  });
  return {
    namespaces: outline.namespaces,
    encoding: outline.encoding,
    ...defined('title', feed.title),
    ...defined('link', feed.link),
    ...defined('description', feed.description),
    ...defined('language', feed.language),
    ...defined('logo', outline.logo),
    items,
    bytes: Buffer.byteLength(xml),
  };
}

function mediaImage(m: RssMediaContent): CheckedImage {
  return {
    url: m.url!,
    ...defined('type', m.type),
    ...defined('width', m.width),
    ...defined('height', m.height),
    ...defined('credit', m.credits?.[0]?.value),
    ...defined('description', m.description?.value),
  };
}

/** The parts of feedsmith's Atom result the rules read. */
interface AtomEntry {
  id?: string;
  title?: string | { value?: string };
  links?: Array<{ href?: string; rel?: string; type?: string; length?: number }>;
  published?: string;
  updated?: string;
  summary?: string | { value?: string };
  content?: string | { value?: string };
  authors?: Array<{ name?: string }>;
}

function readAtom(xml: string, outline: XmlOutline): CheckedFeed {
  const feed = parseAtomFeed(xml) as { title?: string | { value?: string }; subtitle?: string | { value?: string }; links?: AtomEntry['links']; entries?: AtomEntry[] };
  const items = (feed.entries ?? []).map((entry, index): CheckedItem => {
    const date = entry.published ?? entry.updated;
    return {
      ...defined('id', entry.id),
      ...defined('title', textOf(entry.title)),
      ...defined('link', (entry.links ?? []).find((l) => (l.rel ?? 'alternate') === 'alternate')?.href),
      ...defined('publishedText', date),
      ...definedDate('published', date),
      ...definedDate('modified', entry.updated),
      ...defined('description', textOf(entry.summary)),
      ...defined('content', textOf(entry.content)),
      creators: (entry.authors ?? []).map((a) => a.name ?? '').filter(Boolean),
      enclosures: (entry.links ?? []).filter((l) => l.rel === 'enclosure' && l.href).map((l) => ({ url: l.href!, ...defined('type', l.type) })),
      media: [],
      thumbnails: [],
      bytes: outline.itemBytes[index] ?? 0,
    };
  });
  return {
    namespaces: outline.namespaces,
    encoding: outline.encoding,
    ...defined('title', textOf(feed.title)),
    ...defined('link', (feed.links ?? []).find((l) => (l.rel ?? 'alternate') === 'alternate')?.href),
    ...defined('description', textOf(feed.subtitle)),
    ...defined('language', outline.language),
    ...defined('logo', outline.logo),
    items,
    bytes: Buffer.byteLength(xml),
  };
}

function textOf(value: string | { value?: string } | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.value;
}

function defined<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined || value === null ? {} : ({ [key]: value } as Record<K, V>);
}

function definedDate<K extends string>(key: K, text: string | undefined): Partial<Record<K, Date>> {
  if (text === undefined) return {};
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? {} : ({ [key]: date } as Record<K, Date>);
}
