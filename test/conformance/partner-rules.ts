import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedFile } from './build-sites.js';
import { walkXml, XML_NS, type XmlElement } from './xml-walk.js';

/**
 * Rules readers forgive but partners do not (see /work/shared/partners.md): each returns the
 * problems it found in one feed file, as `rule: detail`, empty when the file passes.
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** RFC 822 with RFC 1123's four-digit year and a numeric zone, as the RSS Best Practices Profile asks. */
const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;
/** An absolute http(s) URL written in ASCII only: spaces and non-ASCII must be percent-encoded. */
const ABSOLUTE_ASCII_URL = /^https?:\/\/[\x21-\x7e]+$/;
/** XML predefines five entities; anything else must be a character reference or a character. */
const UNDECLARED_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)[a-zA-Z0-9#]*;?/g;
/** Named HTML entities left in content HTML after XML decoding (`&nbsp;` must already be a character). */
const HTML_NAMED_ENTITY = /&(?!(?:amp|lt|gt|quot|apos);)[a-zA-Z][a-zA-Z0-9]*;/g;
/** Characters XML 1.0 §2.2 does not allow. */
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

/** Checks the bytes of any feed: valid UTF-8, and (XML) only XML characters. */
export function checkEncoding(bytes: Uint8Array): string[] {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return NOT_XML_CHAR.test(text) ? ['utf-8: holds a character XML 1.0 does not allow'] : [];
  } catch {
    return ['utf-8: not valid UTF-8'];
  }
}

/** Every partner rule for an RSS or Atom file. */
export function checkXmlFeed(feed: FeedFile, text: string): string[] {
  const problems: string[] = [];
  // Comments and CDATA sections may hold a literal &; everywhere else it must start a known reference.
  const markup = text.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  for (const match of markup.matchAll(UNDECLARED_ENTITY)) problems.push(`entities: raw & or entity XML does not declare: ${JSON.stringify(match[0])}`);
  let elements: XmlElement[];
  try {
    elements = walkXml(text);
  } catch (error) {
    return [...problems, `xml: ${(error as Error).message}`];
  }
  const is = (element: XmlElement, uri: string, local: string) => element.uri === uri && element.local === local;
  const rss = feed.format === 'rss';
  const itemName = rss ? 'item' : 'entry';
  const itemUri = rss ? '' : XML_NS.atom;

  // Dates: RSS dates are RFC 822 with a numeric zone and the right weekday.
  if (rss) {
    for (const element of elements.filter((e) => e.uri === '' && (e.local === 'pubDate' || e.local === 'lastBuildDate'))) {
      const problem = checkRfc822(element.text);
      if (problem) problems.push(`rfc822: <${element.local}>${element.text}</${element.local}>: ${problem}`);
    }
  }

  // Self link: the exact URL the file is published at (WebSub and partners key on it).
  const selfLinks = elements.filter((e) => is(e, XML_NS.atom, 'link') && e.attributes.rel === 'self');
  if (selfLinks.length !== 1 || selfLinks[0]!.attributes.href !== feed.url) {
    problems.push(`self-link: expected one rel="self" href="${feed.url}", got ${JSON.stringify(selfLinks.map((e) => e.attributes.href))}`);
  }

  // Language: RSS <language>, Atom xml:lang on the root.
  const language = feed.site.site.language;
  if (language) {
    const declared = rss ? elements.find((e) => e.uri === '' && e.local === 'language')?.text : elements[0]?.attributes[`{${XML_NS.xml}}lang`];
    if (declared !== language) problems.push(`language: expected ${language}, got ${JSON.stringify(declared)}`);
  }

  // media:content must say medium="image" (several partners do not infer it from the type).
  for (const element of elements.filter((e) => is(e, XML_NS.media, 'content'))) {
    if (element.attributes.medium !== 'image') problems.push(`media-medium: media:content ${element.attributes.url} has medium=${JSON.stringify(element.attributes.medium)}`);
  }

  // Ids: one per item, never twice in a feed.
  const ids = elements.filter((e) => (rss ? e.uri === '' && e.local === 'guid' : is(e, XML_NS.atom, 'id') && e.path.length === 2)).map((e) => e.text.trim());
  const items = elements.filter((e) => e.uri === itemUri && e.local === itemName);
  if (ids.length !== items.length) problems.push(`ids: ${items.length} items but ${ids.length} ids`);
  for (const id of duplicates(ids)) problems.push(`ids: duplicate id ${id}`);

  // Absolute, percent-encoded URLs everywhere: attributes, link elements, and the content HTML.
  for (const element of elements) {
    for (const name of ['url', 'href', 'src', 'uri']) {
      const value = element.attributes[name];
      if (value !== undefined) problems.push(...checkUrl(value, `<${element.local} ${name}>`));
    }
    if (rss && element.uri === '' && element.local === 'link') problems.push(...checkUrl(element.text.trim(), '<link>'));
    const isContent = rss ? is(element, XML_NS.content, 'encoded') : is(element, XML_NS.atom, 'content');
    if (isContent) problems.push(...checkContentHtml(element.text, feed));
  }
  return problems;
}

/**
 * Checks HTML from content:encoded, Atom content or content_html: absolute URLs, no named entities,
 * and every image on the site's own origin is a file the build wrote (an inline photo resolved
 * against the wrong base is absolute and well-formed, yet a broken image for every reader).
 */
export function checkContentHtml(html: string, feed: FeedFile): string[] {
  const problems: string[] = [];
  for (const match of html.matchAll(/\s(?:href|src)\s*=\s*"([^"]*)"/g)) problems.push(...checkUrl(decodeHtmlAttribute(match[1]!), 'content HTML'));
  const { baseUrl } = feed.site.site;
  for (const match of html.matchAll(/<img\s[^>]*?src\s*=\s*"([^"]*)"/g)) {
    const src = decodeHtmlAttribute(match[1]!);
    if (!src.startsWith(new URL(baseUrl).origin + '/')) continue;
    const published = src.startsWith(`${baseUrl}/`) && existsSync(join(feed.site.outDir, decodeURIComponent(src.slice(baseUrl.length + 1).split(/[?#]/)[0]!)));
    if (!published) problems.push(`site-image: content HTML shows ${src}, which the build did not publish`);
  }
  for (const match of html.matchAll(HTML_NAMED_ENTITY)) problems.push(`entities: content HTML holds the named entity ${match[0]}; it must be a character`);
  return problems;
}

/** Checks one URL is absolute http(s), ASCII-only and parseable. */
export function checkUrl(value: string, where: string): string[] {
  if (!ABSOLUTE_ASCII_URL.test(value)) return [`url: ${where} ${JSON.stringify(value)} is not an absolute, percent-encoded http(s) URL`];
  try {
    new URL(value);
    return [];
  } catch {
    return [`url: ${where} ${JSON.stringify(value)} does not parse`];
  }
}

/** Checks an RFC 822 date string; returns a problem or undefined. */
export function checkRfc822(value: string): string | undefined {
  const match = RFC822.exec(value.trim());
  if (!match) return 'not "Day, DD Mon YYYY HH:MM:SS +HHMM"';
  const [, day, date, month, year, hours, minutes, seconds, sign, zoneHours, zoneMinutes] = match;
  const offset = (sign === '-' ? -1 : 1) * (Number(zoneHours) * 60 + Number(zoneMinutes));
  const utc = Date.UTC(Number(year), MONTHS.indexOf(month!), Number(date), Number(hours), Number(minutes) - offset, Number(seconds));
  const local = new Date(utc + offset * 60_000);
  if (local.getUTCDate() !== Number(date) || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 60) return 'not a real date';
  if (DAYS[local.getUTCDay()] !== day) return `${day} is the wrong weekday (it is a ${DAYS[local.getUTCDay()]})`;
  return undefined;
}

function decodeHtmlAttribute(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/** Values that occur more than once. */
export function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const value of values) (seen.has(value) ? twice : seen).add(value);
  return [...twice];
}
