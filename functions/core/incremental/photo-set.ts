import { createHash } from 'node:crypto';

/** Hex digits of the SHA-256 kept: 128 bits, as a source hash (the rebuild's tables hold either as a digest). */
const SET_HASH_DIGITS = 32;

/**
 * Names the set of photos a story shows (their site paths, in any order, repeats ignored): stories
 * showing the same photos share one set, and a photo's users are the sets it is in, so a story
 * joins its set with one marker however many photos it shows.
 */
export function photoSetHash(targets: readonly string[]): string {
  return createHash('sha256')
    .update([...new Set(targets)].sort().join('\n'))
    .digest('hex')
    .slice(0, SET_HASH_DIGITS);
}
