import type { ItemRule, Severity } from './rule.js';

/** Rule options shared by the factories in this family. */
interface Cite {
  severity: Severity;
  source: string;
}

/** The item has a non-empty title. */
export function titlePresent({ severity, source }: Cite): ItemRule {
  return { id: 'title-present', scope: 'item', severity, source, check: (item) => (item.title?.trim() ? undefined : 'item has no title') };
}

/** The title's length, in characters (code points), is within bounds. */
export function titleLength({ severity, source, min, max }: Cite & { min: number; max: number }): ItemRule {
  return {
    id: 'title-length',
    scope: 'item',
    severity,
    source,
    check(item) {
      const length = [...(item.title?.trim() ?? '')].length;
      return length < min || length > max ? `title is ${length} characters; must be ${min}–${max}` : undefined;
    },
  };
}

/** Markup in a title shows as literal tags on partner surfaces. */
const HTML_TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|&[a-z]+;|&#\d+;/i;

/** The title is plain text: no tags or entity references once XML-decoded. */
export function titleNoHtml({ severity, source }: Cite): ItemRule {
  return { id: 'title-no-html', scope: 'item', severity, source, check: (item) => (item.title && HTML_TAG.test(item.title) ? 'title contains HTML markup' : undefined) };
}
