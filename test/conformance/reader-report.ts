/**
 * The normalised report every reader driver prints (Python, PHP, Java and Node alike), so the suite
 * can compare what independent readers saw item by item.
 */

/** Feed formats under test. */
export type FeedFormat = 'rss' | 'atom' | 'json';

/** One enclosure, `media:content` or JSON Feed attachment as a reader saw it. */
export interface ReportedMedia {
  url: string | null;
  type: string | null;
  /** Bytes; null when the reader saw none (RSS `length="0"` is normalised to null by the comparison). */
  length: number | null;
  medium?: string | null;
}

/** One item as a reader saw it. Dates are epoch seconds. */
export interface ReportedItem {
  id: string | null;
  title: string | null;
  link: string | null;
  published: number | null;
  updated: number | null;
  authors: string[];
  /** RSS category text, Atom category term, JSON Feed tag. */
  categories: string[];
  /** RSS `enclosure`, Atom `link rel="enclosure"`, JSON Feed `attachments`. */
  enclosures: ReportedMedia[];
  /** Media RSS `media:content` (RSS only). */
  media: ReportedMedia[];
  /** The body (`content:encoded`, Atom `content`) as the reader hands it back; only ROME's driver reports it (`same-bodies.ts`). */
  content?: string | null;
}

/** What a reader made of one feed file; `errors` holds anything the reader flagged (feedparser's bozo…). */
export interface ReaderReport {
  items: ReportedItem[];
  errors: string[];
}

/** Reports keyed by feed file path. */
export type ReportsByFile = Record<string, ReaderReport>;

/** The item fields a comparison can look at. */
export type ItemField = 'id' | 'title' | 'link' | 'published' | 'updated' | 'authors' | 'categories' | 'enclosures' | 'media' | 'photos';

/** Epoch seconds of a date string, or null. */
export function epochOf(value: string | Date | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const time = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(time) ? null : Math.floor(time / 1000);
}

/** A length attribute as a number, or null. */
export function lengthOf(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}
