/** Limits a story must stay within; documented in the README ("Content format"). */
export const STORY_LIMITS = {
  /** Bytes of one story file. Google News reads at most 1 MB per article; 2 MB leaves room for markup we drop. */
  maxBytes: 2 * 1024 * 1024,
  /** Picture associations per story; more is almost always a feed of galleries mis-sent as one story. */
  maxPhotos: 50,
  /** Renditions per photo. */
  maxRenditions: 20,
} as const;
