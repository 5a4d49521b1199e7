import type { NinjsText } from './ninjs-types.js';
import { htmlToPlainText } from '../html/sanitize-body.js';
import { cleanLine, hasVisibleText } from '../text/clean-text.js';

/** A text chosen from a ninjs array, with where it sits in the file. */
export interface PickedText {
  value: string;
  index: number;
  contentType?: string;
}

/**
 * Picks the entry of a headlines/descriptions/bodies array whose role comes first in `roles`;
 * without a match, the first non-empty entry. Roles are provider-defined, so this is a preference,
 * never a requirement.
 */
export function pickText(entries: NinjsText[] | undefined, roles: readonly string[]): PickedText | undefined {
  if (!entries) return undefined;
  const usable = entries
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => typeof entry.value === 'string' && hasVisibleText(entry.value));
  const rank = (role: string | undefined) => {
    const at = role === undefined ? -1 : roles.indexOf(role.toLowerCase());
    return at === -1 ? roles.length : at;
  };
  const best = usable.sort((a, b) => rank(a.entry.role) - rank(b.entry.role) || a.index - b.index)[0];
  return best && { value: best.entry.value, index: best.index, contentType: best.entry.contentType };
}

/** Plain text of a picked entry: HTML entries lose their markup, every entry loses stray whitespace. */
export function plainTextOf(picked: PickedText | undefined): string | undefined {
  if (!picked) return undefined;
  const text = isHtml(picked.contentType) ? htmlToPlainText(picked.value) : picked.value;
  const line = cleanLine(text);
  return hasVisibleText(line) ? line : undefined;
}

/** True for the content types ninjs uses for markup. */
export function isHtml(contentType: string | undefined): boolean {
  return contentType !== undefined && /^(text\/html|application\/xhtml\+xml)\b/i.test(contentType);
}
