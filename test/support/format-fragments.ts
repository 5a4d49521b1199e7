import { FORMATS } from '../../functions/core/formats/registry.js';
import type { FormatFragments } from '../../functions/core/rendered-item.js';

/**
 * An item's fragment in every registered format: `given` for the formats a test looks at, `other`
 * for the rest. A fixture built with it names no format it does not test, so adding a format to the
 * registry does not reach it.
 */
export function fragments(given: Partial<FormatFragments> = {}, other = ''): FormatFragments {
  return Object.fromEntries(FORMATS.map((format) => [format.id, given[format.id] ?? other])) as FormatFragments;
}
