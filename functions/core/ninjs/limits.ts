/** Limits a story must stay within; documented in the README ("Content format"). */
export const STORY_LIMITS = {
  /** Bytes of one story file. Google News reads at most 1 MB per article; 2 MB leaves room for markup we drop. */
  maxBytes: 2 * 1024 * 1024,
  /** Picture associations per story; more is almost always a feed of galleries mis-sent as one story. */
  maxPhotos: 50,
  /** Renditions per photo. */
  maxRenditions: 20,
  /**
   * Subjects per story. Each subject is a section feed that carries the story's item, and every
   * item lists every subject, so a story's output grows with subjects × sections: this keeps it
   * to at most 51 feed sets of one bounded item each.
   */
  maxSubjects: 50,
  /** Characters of a subject's name (or literal) and of its uri, which every copy of the item repeats. */
  maxSubjectLength: 200,
  /**
   * Characters of the one-line fields every feed item carries even when its body is left out
   * (uri, headlines, byline, copyright): they bound the smallest form of an item.
   */
  maxLineLength: 1000,
} as const;

/**
 * Whole-number bounds of a rendition's `width`, `height` and `sizeInBytes`. Feeds print them as
 * they are (Media RSS `width`/`fileSize`, the enclosure `length`, JSON Feed `size_in_bytes`), so
 * a negative, zero or fractional figure, or one JavaScript prints in exponent form (`1e+21`),
 * would reach every reader. JPEG and GIF store a side in 16 bits and WebP allows 16,383 px, so a
 * side above 65,535 px is a typo or a unit mistake; 2^31 − 1 bytes (2 GiB) is far above any photo
 * a feed links to, and fits a signed 32-bit integer whatever a reader parses it into.
 */
export const RENDITION_BOUNDS = {
  width: { min: 1, max: 65_535 },
  height: { min: 1, max: 65_535 },
  sizeInBytes: { min: 1, max: 2 ** 31 - 1 },
} as const;

/**
 * The instants a story date may name, in UTC. RFC 822/5322 dates (RSS `pubDate`) have a year of
 * four digits, 1900 or later (RFC 5322 §3.3), and RFC 3339 (Atom, JSON Feed, the news sitemap)
 * four digits at most: a year outside 1900..9999 cannot be written in every feed. The upper bound
 * is checked in UTC: `9999-12-31T23:30:00-01:00` is a valid RFC 3339 text for year 10000.
 */
export const DATE_RANGE = {
  min: Date.UTC(1900, 0, 1),
  max: Date.UTC(9999, 11, 31, 23, 59, 59, 999),
} as const;
