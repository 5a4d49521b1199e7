/** Limits a story must stay within; documented in the README ("Content format"). */
export const STORY_LIMITS = {
  /** Bytes of one story file. Google News reads at most 1 MB per article; 2 MB leaves room for markup we drop. */
  maxBytes: 2 * 1024 * 1024,
  /** Picture associations per story; more is almost always a feed of galleries mis-sent as one story. */
  maxPhotos: 50,
  /** Renditions per photo. */
  maxRenditions: 20,
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
