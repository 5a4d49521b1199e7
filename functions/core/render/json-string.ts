import { joinMeasured, type MeasuredText } from './measured-text.js';

/**
 * `JSON.stringify(pieces.join(separator))`, serialised and measured piece by piece so a long
 * one-byte piece is never copied into a two-byte string (see `feed-item.ts` `ContentPieces`).
 * The same text: JSON escapes character by character, and a piece never splits a surrogate pair
 * as long as the separator is not a surrogate itself.
 */
export function jsonStringOfPieces(pieces: readonly string[], separator: string): MeasuredText {
  const inner = joinMeasured(pieces.map(jsonStringContent), jsonStringContent(separator));
  return { text: `"${inner.text}"`, bytes: inner.bytes + 2 };
}

/** A string's JSON literal without its quotes. */
export function jsonStringContent(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
