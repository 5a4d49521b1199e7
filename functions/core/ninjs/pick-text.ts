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
 * How roles outside the preferred list are treated. `prefer`: the listed roles come first, then
 * any other entry (a headline is better than none, whatever its role). `only`: the listed roles,
 * then entries without a role; any other role is never picked, because some roles name a
 * different text altogether (a `creditline` is not a summary, and not a caption).
 */
export type RoleRule = 'prefer' | 'only';

/**
 * Picks the entry of a headlines/descriptions/bodies array whose role comes first in `roles`,
 * then, as `rule` allows, an entry of another role or none. Roles are provider-defined, so the
 * order is a preference; under `only` the list is also an allow-list.
 */
export function pickText(entries: NinjsText[] | undefined, roles: readonly string[], rule: RoleRule = 'prefer'): PickedText | undefined {
  if (!entries) return undefined;
  const rank = (role: string | undefined) => {
    const at = role === undefined ? -1 : roles.indexOf(role.toLowerCase());
    if (at !== -1) return at;
    return rule === 'prefer' || role === undefined ? roles.length : undefined;
  };
  const usable = entries
    .map((entry, index) => ({ entry, index, rank: rank(entry.role) }))
    .filter((candidate): candidate is typeof candidate & { rank: number } => candidate.rank !== undefined)
    .filter(({ entry }) => typeof entry.value === 'string' && hasVisibleText(entry.value));
  const best = usable.sort((a, b) => a.rank - b.rank || a.index - b.index)[0];
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
