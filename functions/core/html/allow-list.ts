/**
 * What story HTML may keep in feeds: structure and emphasis only. Google News strips
 * script/style/`style=""` and MSN keeps a similar list; anything outside it (scripts, event
 * handlers, iframes, objects, forms, base, style attributes) is removed.
 */
export const ALLOWED_TAGS: ReadonlySet<string> = new Set([
  'p', 'br', 'hr', 'a', 'em', 'strong', 'b', 'i', 'u', 's', 'q', 'cite', 'abbr', 'sub', 'sup', 'small', 'code', 'pre',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'h2', 'h3', 'h4', 'h5', 'h6',
  'figure', 'figcaption', 'img', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
]);

/** The attributes each allowed tag keeps; a tag not listed keeps none. */
export const ALLOWED_ATTRIBUTES: ReadonlyMap<string, readonly string[]> = new Map([
  ['a', ['href', 'title']],
  ['img', ['src', 'alt', 'width', 'height']],
  ['abbr', ['title']],
  ['q', ['cite']],
  ['blockquote', ['cite']],
  ['th', ['colspan', 'rowspan', 'scope']],
  ['td', ['colspan', 'rowspan']],
  ['ol', ['start']],
]);

/** Attributes whose value is a URL: only the schemes in {@link allowedSchemes} pass. */
export const URL_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'src', 'cite']);

/** Empty values carry nothing, except `alt=""`, which marks an image as decoration. */
export const EMPTY_ALLOWED: ReadonlySet<string> = new Set(['alt']);

/** Allowed elements that have no end tag; written as `<br />`. */
export const SELF_CLOSING: ReadonlySet<string> = new Set(['img', 'br', 'hr']);

/** Elements whose text must vanish with them: a full HTML document's `<title>` is not body text. */
export const DROPPED_WITH_TEXT: ReadonlySet<string> = new Set([
  'script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'template', 'iframe', 'object', 'embed', 'select', 'button',
]);

/** A body's own `<h1>` is almost always the headline repeated; its text stays as a sub-heading. */
export const RENAMED_TAGS: ReadonlyMap<string, string> = new Map([['h1', 'h2']]);

/** URL schemes a link or quote source may use; images use https only (or http when the site itself does). */
export function allowedSchemes(tag: string, base: URL): readonly string[] {
  if (tag !== 'img') return ['http', 'https', 'mailto'];
  return base.protocol === 'http:' ? ['https', 'http'] : ['https'];
}
