import sanitize from 'sanitize-html';

/**
 * Allow-list for story bodies and captions in feeds: structure and emphasis only. Google News strips
 * script/style/`style=""`, MSN keeps a similar list; anything outside it (scripts, event handlers,
 * iframes, objects, forms, base, style attributes) is removed by sanitize-html, a maintained
 * sanitizer, rather than by our own patterns.
 */
const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'a', 'em', 'strong', 'b', 'i', 'u', 's', 'q', 'cite', 'abbr', 'sub', 'sup', 'small', 'code', 'pre',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'h2', 'h3', 'h4', 'h5', 'h6',
  'figure', 'figcaption', 'img', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
];

/** Elements whose text must vanish with them: a full HTML document's `<title>` is not body text. */
const DROPPED_WITH_TEXT = ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'template', 'iframe', 'object', 'embed', 'select', 'button'];

/**
 * Options every sanitize call shares. `style` is never an allowed attribute, and with
 * `parseStyleAttributes: false` sanitize-html never calls postcss, so the Lambda bundle can leave
 * postcss out (see `functions/bundle/`).
 */
const COMMON_OPTIONS = { nonTextTags: DROPPED_WITH_TEXT, parseStyleAttributes: false, parser: { decodeEntities: true } } as const;

/** Options for cleaning HTML from a story. */
export interface SanitizeOptions {
  /** Base that relative links and image sources are resolved against; feeds carry absolute URLs only. */
  baseUrl: string;
}

/**
 * Cleans untrusted story HTML for use inside feeds: allow-listed markup, absolute http(s) links,
 * images only from https (or from the site itself), entities decoded to characters so the result
 * holds no named entity that XML would not know.
 */
export function sanitizeBodyHtml(html: string, options: SanitizeOptions): string {
  // baseUrl has no trailing slash; without one, WHATWG resolution drops its last path segment
  // (`media/a.jpg` against `https://x.org/wire` is `https://x.org/media/a.jpg`).
  const base = new URL(`${options.baseUrl}/`);
  const resolve = (value: string | undefined): string | undefined => absoluteUrl(value, base);
  return sanitize(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'width', 'height'],
      abbr: ['title'],
      q: ['cite'],
      blockquote: ['cite'],
      th: ['colspan', 'rowspan', 'scope'],
      td: ['colspan', 'rowspan'],
      ol: ['start'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['https', ...(base.protocol === 'http:' ? ['http'] : [])] },
    allowProtocolRelative: false,
    transformTags: {
      // A body's own <h1> is almost always the headline repeated; keep its text as a sub-heading.
      h1: 'h2',
      a: (tagName, attribs) => withUrl(tagName, attribs, 'href', resolve(attribs.href)),
      img: (tagName, attribs) => withUrl(tagName, attribs, 'src', resolveImage(attribs.src, base)),
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
    ...COMMON_OPTIONS,
  }).trim();
}

function withUrl(tagName: string, attribs: sanitize.Attributes, name: string, url: string | undefined) {
  const copy = { ...attribs };
  if (url === undefined) delete copy[name];
  else copy[name] = url;
  return { tagName, attribs: copy };
}

function absoluteUrl(value: string | undefined, base: URL): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value.trim(), base);
    if (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:') return url.href;
  } catch {
    // Not a URL we can resolve: drop the attribute rather than pass something readers would guess at.
  }
  return undefined;
}

function resolveImage(value: string | undefined, base: URL): string | undefined {
  const url = absoluteUrl(value, base);
  if (url === undefined) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || parsed.origin === base.origin ? url : undefined;
}

const ESCAPED_BY_SANITIZER: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };

/**
 * Reduces HTML to its text for fields readers show as plain text (titles, summaries, captions):
 * the sanitizer drops every tag and decodes entities; whitespace runs collapse to one space.
 */
export function htmlToPlainText(html: string): string {
  const text = sanitize(html, { allowedTags: [], allowedAttributes: {}, ...COMMON_OPTIONS });
  // sanitize-html re-escapes the four characters that matter in HTML; plain text wants them back.
  return text.replace(/&(?:amp|lt|gt|quot);/g, (entity) => ESCAPED_BY_SANITIZER[entity] ?? entity).replace(/\s+/g, ' ').trim();
}
