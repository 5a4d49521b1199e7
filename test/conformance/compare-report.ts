import type { FeedFile } from './build-sites.js';
import type { ExpectedItem, ExpectedPhoto } from './expected-feed.js';
import type { ItemField, ReaderReport, ReportedItem, ReportedMedia } from './reader-report.js';

/**
 * Compares what a reader saw in one feed file with what the source stories say it must see, on the
 * fields that reader exposes for that format. Returns every difference, empty when they agree.
 */
export function compareReport(feed: FeedFile, report: ReaderReport | undefined, expected: ExpectedItem[], fields: ItemField[]): string[] {
  if (!report) return ['reader returned no report for this file'];
  const problems = report.errors.map((error) => `reader error: ${error}`);
  if (report.items.length !== expected.length) problems.push(`item count: expected ${expected.length}, got ${report.items.length}`);
  expected.forEach((want, index) => {
    const got = report.items[index];
    if (!got) return;
    const at = `item ${index + 1} (${want.id})`;
    for (const field of fields) {
      for (const problem of compareField(field, want, got, feed)) problems.push(`${at}: ${field}: ${problem}`);
    }
  });
  return problems;
}

function compareField(field: ItemField, want: ExpectedItem, got: ReportedItem, feed: FeedFile): string[] {
  switch (field) {
    case 'id':
    case 'link':
      return same(want[field], got[field]);
    case 'title':
      return same(want.title, got.title?.trim() ?? null);
    case 'published':
    case 'updated':
      return same(want[field], got[field]);
    case 'authors':
      // RFC 4287 §4.2.1: an Atom entry without an author has the feed's; readers may report either.
      if (feed.format === 'atom' && want.authors.length === 0 && sameList([feed.site.site.title], got.authors)) return [];
      return sameList(want.authors, got.authors);
    case 'categories':
      return sameList(want.categories[feed.format], got.categories);
    case 'enclosures':
      // RSS allows one enclosure (the lead photo); Atom and JSON Feed carry every photo.
      return samePhotos(feed.format === 'rss' ? want.photos.slice(0, 1) : want.photos, got.enclosures);
    case 'media':
      return [...samePhotos(want.photos, got.media), ...got.media.filter((m) => m.medium !== 'image').map((m) => `media:content ${m.url} has medium="${m.medium}", not "image"`)];
    case 'photos':
      return samePhotos(want.photos, unionByUrl([...got.enclosures, ...got.media]));
  }
}

function same<T>(want: T, got: T): string[] {
  return want === got ? [] : [`expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`];
}

function sameList(want: string[], got: string[]): string[] {
  return JSON.stringify(want) === JSON.stringify(got) ? [] : [`expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`];
}

/** A reader's URL compared as a URL: an IRI and its percent-encoded form are the same resource. */
function normaliseUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

/** RSS requires `length`; we write 0 when an external photo declares no size, which means unknown. */
function normaliseLength(length: number | null): number | null {
  return length === 0 ? null : length;
}

function samePhotos(want: ExpectedPhoto[], got: ReportedMedia[]): string[] {
  const seen = got.map((media) => ({ url: normaliseUrl(media.url), type: media.type, length: normaliseLength(media.length) }));
  return JSON.stringify(want) === JSON.stringify(seen) ? [] : [`expected ${JSON.stringify(want)}, got ${JSON.stringify(seen)}`];
}

/** Enclosure and media:content of one photo merged by URL, keeping a known size. */
function unionByUrl(media: ReportedMedia[]): ReportedMedia[] {
  const byUrl = new Map<string, ReportedMedia>();
  for (const item of media) {
    const key = normaliseUrl(item.url) ?? '';
    const known = byUrl.get(key);
    if (!known) byUrl.set(key, { url: item.url, type: item.type, length: normaliseLength(item.length) });
    else if (known.length === null && normaliseLength(item.length) !== null) known.length = item.length;
  }
  return [...byUrl.values()];
}
