import { concatMeasured, type MeasuredText } from './measured-text.js';

/**
 * `JSON.stringify(parts.join(''))`, serialised and measured part by part so a long one-byte part
 * is never copied into a two-byte string (see `feed-item.ts` `ContentParts`). The same text: JSON
 * escapes character by character, as long as no surrogate pair is split between two parts.
 */
export function jsonStringOfParts(parts: readonly string[]): MeasuredText {
  const inner = concatMeasured(parts.map(jsonStringContent));
  return { text: `"${inner.text}"`, bytes: inner.bytes + 2 };
}

/**
 * What `JSON.stringify` escapes in a string (ECMA-262 QuoteJSONString) besides `"`: backslash,
 * code units below U+0020, lone surrogates. Any surrogate sends a text the slow way, paired or not.
 */
const BEYOND_QUOTES = /[\\\u0000-\u001f\ud800-\udfff]/;

/**
 * A string's JSON literal without its quotes. Story HTML quotes its attributes but rarely holds
 * anything else JSON escapes; for such text escaping the quotes is all, and a search and replace
 * of one character is ~4× faster than `JSON.stringify` on Node 20 (~10 of ~25 µs per story).
 */
export function jsonStringContent(text: string): string {
  return BEYOND_QUOTES.test(text) ? JSON.stringify(text).slice(1, -1) : text.replaceAll('"', '\\"');
}
