import { decodeStoryBytes } from './ninjs/decode-bytes.js';
import { SiteConfigError } from './site-config.js';
import { parseJsonText } from './text/json-syntax.js';

/**
 * Bytes of `site.json`. A site's settings and partner list take a few kilobytes; the limit is there
 * so a runaway file (or a link to a device) cannot take the build's or the function's memory.
 */
export const SITE_JSON_MAX_BYTES = 1024 * 1024;

/**
 * Reads `site.json`'s bytes into a JSON value by the rules story files follow: UTF-8 (a byte order
 * mark is tolerated), the same messages for the usual wrong encodings, and the same size check.
 * `parseSiteConfig` then cleans its text as story text is cleaned.
 */
export function parseSiteJson(bytes: Uint8Array, file: string): unknown {
  if (bytes.byteLength > SITE_JSON_MAX_BYTES) throw new SiteConfigError(`${file}: ${bytes.byteLength} bytes; the limit is ${SITE_JSON_MAX_BYTES}`);
  const decoded = decodeStoryBytes(bytes);
  if ('problem' in decoded) throw new SiteConfigError(`${file}: ${decoded.problem}`);
  try {
    // The strict decoder has already dropped a leading byte order mark.
    return parseJsonText(decoded.text);
  } catch (error) {
    throw new SiteConfigError(`${file}: not JSON: ${(error as Error).message}`, { cause: error });
  }
}
