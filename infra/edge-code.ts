import { readFileSync } from 'node:fs';
import { FEED_PAGE_FILE } from '../functions/core/feed.js';
import { FORMATS } from '../functions/core/formats/registry.js';

/**
 * What the default behaviour's CloudFront Functions must know of the formats, taken from the
 * format registry: a CloudFront Function is one file with no imports of ours, so its lists are
 * filled in here, when the stack is synthesized, and a new format changes only the registry.
 */
export const FEED_FORMAT_SUBSTITUTIONS: Readonly<Record<string, string>> = {
  __FEED_FILE_NAMES__: JSON.stringify(FORMATS.map((format) => format.fileName)),
  __FEED_MEDIA_TYPES__: JSON.stringify(FORMATS.map((format) => format.mediaType)),
  // The feed set's HTML page, which browsers asking for a feed file are served.
  __FEED_PAGE_FILE__: JSON.stringify(FEED_PAGE_FILE),
};

/** The code of the CloudFront Function in `file` as deployed: placeholders replaced by `substitutions`. */
export function edgeFunctionCode(file: string, substitutions: Readonly<Record<string, string>>): string {
  let code = readFileSync(file, 'utf8');
  for (const [placeholder, value] of Object.entries(substitutions)) code = code.split(placeholder).join(value);
  const left = /__[A-Z][A-Z_]+__/.exec(code);
  if (left) throw new Error(`${file}: placeholder ${left[0]} has no value`);
  return code;
}
