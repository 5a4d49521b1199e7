/**
 * Most bytes `wirefeed check` reads from one file: twice the largest feed a partner accepts and our
 * feeds stay under (Google News, 2 MB), so any real feed is checked, while the worst a file can
 * hold (90,000 items in 10 MB took 16 s) stays a few seconds.
 */
export const CHECK_MAX_BYTES = 4 * 1024 * 1024;

/**
 * Deepest element nesting `wirefeed check` reads. Our feeds nest 6 deep (rss > channel > item >
 * media:group > media:content > media:credit); Atom XHTML content rarely passes 20. The bound keeps
 * saxes linear: without a default namespace it resolves each element's prefix by walking every
 * open element, so 200,000 nested elements cost 2·10¹⁰ steps.
 */
export const CHECK_MAX_DEPTH = 100;

/** Where the README states these limits; cited by the violation a file past them gets. */
export const CHECK_LIMITS_SOURCE = 'README.md#partner-feeds';

/** A file past one of the limits above: not checked, and the message says which limit and where. */
export class FeedLimitError extends Error {
  override readonly name = 'FeedLimitError';
}

/** The message for a file of `bytes` bytes, past {@link CHECK_MAX_BYTES}. */
export function tooLargeMessage(bytes: number): string {
  return `file is ${bytes} bytes; wirefeed check reads at most ${CHECK_MAX_BYTES} bytes (4 MB)`;
}
