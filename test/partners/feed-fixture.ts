/**
 * RSS fixtures for the preflight rules: `fixtureFeed()` passes every rule of every profile; each
 * option breaks one thing. Written as XML and read back through `readFeed` (saxes + feedsmith), so
 * the rules are tested the way `wirefeed check` meets a partner's feed.
 */

/** The time the fixtures are checked at. */
export const NOW = new Date('2026-03-10T12:00:00Z');

const DAY = 24 * 60 * 60 * 1000;

/** Fields of one fixture item; `null` leaves the element out. */
export interface FixtureItem {
  title: string | null;
  link: string | null;
  guid: string | null;
  pubDate: string | null;
  modified: string | null;
  valid: string | null;
  description: string | null;
  content: string | null;
  creator: string | null;
  image: { url: string; type: string; width: number; height: number } | null;
  thumbnail: string | null;
}

/** Channel-level fields and options. */
export interface FixtureFeed {
  encoding: string;
  namespaces: Record<string, string>;
  title: string | null;
  link: string | null;
  description: string | null;
  language: string | null;
  logo: string | null;
  count: number;
  item: Partial<FixtureItem>;
}

const LONG_TEXT = 'Delegates met for a third day of talks on the harbour project, agreeing a timetable for the first phase of dredging and the financing of the new container terminal. '.repeat(3).trim();

/** Dates around NOW. */
export function daysAgo(days: number): Date {
  return new Date(NOW.getTime() - days * DAY);
}

/** An RFC 822 date, as RSS writes it. */
export function rfc822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

const BASE_ITEM: FixtureItem = {
  title: 'Harbour talks agree a timetable for the first dredging phase',
  link: 'https://wire.example.org/stories/harbour.html',
  guid: 'urn:example:harbour',
  pubDate: rfc822(daysAgo(1)),
  modified: daysAgo(0.5).toISOString(),
  valid: null,
  description: LONG_TEXT,
  content: `<p>${LONG_TEXT}</p>`,
  creator: 'Jo Reporter',
  image: { url: 'https://wire.example.org/media/0123456789abcdef/harbour.jpg', type: 'image/jpeg', width: 1200, height: 800 },
  thumbnail: 'https://wire.example.org/media/fedcba9876543210/harbour-small.jpg',
};

const ALL_NAMESPACES = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  media: 'http://search.yahoo.com/mrss/',
  mi: 'http://schemas.ingestion.microsoft.com/common/',
  snf: 'http://www.smartnews.be/snf',
};

const esc = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A whole RSS document; every option not given passes every profile. */
export function fixtureFeed(options: Partial<FixtureFeed> = {}): string {
  const feed: FixtureFeed = {
    encoding: 'UTF-8',
    namespaces: ALL_NAMESPACES,
    title: 'Example Wire',
    link: 'https://wire.example.org/',
    description: 'Example wire news',
    language: 'en',
    logo: 'https://wire.example.org/logo.png',
    count: 20,
    item: {},
    ...options,
  };
  const el = (name: string, value: string | null) => (value === null ? '' : `<${name}>${esc(value)}</${name}>\n`);
  let xml = `<?xml version="1.0" encoding="${feed.encoding}"?>\n<rss version="2.0"`;
  for (const [prefix, uri] of Object.entries(feed.namespaces)) xml += ` xmlns:${prefix}="${uri}"`;
  xml += '>\n<channel>\n' + el('title', feed.title) + el('link', feed.link) + el('description', feed.description) + el('language', feed.language);
  if (feed.logo !== null) xml += `<snf:logo><url>${esc(feed.logo)}</url></snf:logo>\n`;
  for (let index = 0; index < feed.count; index += 1) {
    const item = { ...BASE_ITEM, ...feed.item };
    const guid = item.guid === null ? null : index === 0 ? item.guid : `${item.guid}-${index}`;
    xml += '<item>\n' + el('title', item.title) + el('link', item.link) + (guid === null ? '' : `<guid isPermaLink="false">${esc(guid)}</guid>\n`);
    xml += el('pubDate', item.pubDate) + el('dcterms:modified', item.modified) + el('dcterms:valid', item.valid);
    xml += el('description', item.description) + el('content:encoded', item.content) + el('dc:creator', item.creator);
    if (item.image) {
      const { url, type, width, height } = item.image;
      xml += `<enclosure url="${esc(url)}" length="1000" type="${type}"/>\n`;
      xml += `<media:content url="${esc(url)}" type="${type}" medium="image" width="${width}" height="${height}"><media:description type="plain">Harbour</media:description><media:credit role="photographer">Photo Desk</media:credit></media:content>\n`;
    }
    if (item.thumbnail !== null) xml += `<media:thumbnail url="${esc(item.thumbnail)}"/>\n`;
    xml += '</item>\n';
  }
  return `${xml}</channel>\n</rss>\n`;
}

/** The namespaces minus the given prefixes. */
export function namespacesWithout(...prefixes: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(ALL_NAMESPACES).filter(([prefix]) => !prefixes.includes(prefix)));
}
