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
